"""Setting a case's due date."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.catalogue import Action, register


@register
class SetDueDate(Action):
    name = "set_due_date"
    label = gettext_lazy("Set the due date")
    icon = "date"

    def param_blocks(self):
        return [("days", blocks.IntegerBlock(min_value=0, label=gettext_lazy("days from now")))]

    def run(self, ctx):
        ctx.case.due_at = timezone.now() + timedelta(days=int(ctx.params.get("days") or 0))
        ctx.case.save(update_fields=["due_at", "updated_at"])
