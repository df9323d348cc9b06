"""Making a case more or less urgent: its priority, the time allowed in its state."""

from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.catalogue import Action, register
from cases.primitives.states import case_due_after


@register
class SetPriority(Action):
    name = "set_priority"
    label = gettext_lazy("Set the priority")
    icon = "pick"

    def param_blocks(self):
        return [
            (
                "priority",
                blocks.ChoiceBlock(
                    choices=[
                        ("low", gettext_lazy("Low")),
                        ("normal", gettext_lazy("Normal")),
                        ("high", gettext_lazy("High")),
                        ("urgent", gettext_lazy("Urgent")),
                    ],
                    label=gettext_lazy("priority"),
                ),
            )
        ]

    def run(self, ctx):
        ctx.case.priority = ctx.params.get("priority") or "normal"
        ctx.case.save(update_fields=["priority", "updated_at"])


@register
class SetSlaHours(Action):
    name = "set_sla_hours"
    label = gettext_lazy("Shorten or lengthen the time allowed")
    icon = "time"

    def param_blocks(self):
        return [("hours", blocks.IntegerBlock(min_value=1, label=gettext_lazy("hours from now")))]

    def run(self, ctx):
        # in working hours, by the calendar of the case's state or type, like the state's own time allowed
        ctx.case.due_at = case_due_after(ctx.case, int(ctx.params.get("hours") or 1))
        ctx.case.save(update_fields=["due_at", "updated_at"])
