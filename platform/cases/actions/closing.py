"""Closing with an outcome, restricting a case."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.audit import event_write
from cases.catalogue import Action, register
from cases.models import CaseEvent


def _updated(ctx, **values):
    """The timeline's record of a protected field an action changed (verify_audit replays it)."""
    return event_write(case=ctx.case, kind=CaseEvent.Kind.UPDATED, actor=ctx.actor, data=values)


@register
class CloseWithOutcome(Action):
    name = "close_with_outcome"
    label = gettext_lazy("Close with an outcome")
    icon = "lock"

    def param_blocks(self):
        return [
            ("outcome", blocks.CharBlock(required=False, label=gettext_lazy("outcome code"))),
            (
                "outcome_field",
                blocks.CharBlock(required=False, label=gettext_lazy("or: the form field giving it")),
            ),
        ]

    def check(self, params):
        if params.get("outcome") or params.get("outcome_field"):
            return []
        return [_("give an outcome code or the field that gives it")]

    def run(self, ctx):
        outcome = ctx.params.get("outcome") or ""
        if ctx.params.get("outcome_field"):
            outcome = str(ctx.data.get(ctx.params["outcome_field"]) or outcome)
        ctx.case.outcome = outcome[:64]
        ctx.case.closed_at = ctx.case.closed_at or timezone.now()
        ctx.case.save(update_fields=["outcome", "closed_at", "updated_at"])
        ctx.events.append(_updated(ctx, outcome=ctx.case.outcome))


@register
class MarkRestricted(Action):
    name = "mark_restricted"
    label = gettext_lazy("Restrict to the case type's restricted role")
    icon = "lock"

    def run(self, ctx):
        if not ctx.case.restricted:
            ctx.case.restricted = True
            ctx.case.save(update_fields=["restricted", "updated_at"])
            ctx.events.append(_updated(ctx, restricted=True))
