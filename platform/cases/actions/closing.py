"""Closing with an outcome, restricting a case."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.audit import event_write
from cases.catalogue import Action, register
from cases.confidential import split_confidential
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
            (
                "public_answers",
                blocks.CharBlock(
                    required=False,
                    label=gettext_lazy("answers the reporter is shown"),
                    help_text=gettext_lazy(
                        "Keys of this step's form fields, separated by commas: shown with the decision on "
                        "the tracking page (e.g. the reasons)."
                    ),
                ),
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
        decision = _decision(ctx)
        record = {"outcome": ctx.case.outcome, **({"decision": decision} if decision else {})}
        ctx.events.append(_updated(ctx, **record))


def _decision(ctx) -> dict | None:
    """What the tracking page shows of the decision: the form (key and version, to label the answers in
    the reader's language), the field giving the outcome and the answers the reporter is shown."""
    if ctx.form_version is None:
        return None
    shown = [ctx.params.get("outcome_field") or ""]
    shown += [key.strip() for key in (ctx.params.get("public_answers") or "").split(",")]
    answers = {key: ctx.data[key] for key in shown if key and ctx.data.get(key) not in (None, "", [])}
    answers, _secret = split_confidential(ctx.form_version, answers)  # never shown to the public
    return {
        "form": ctx.form_version.key,
        "version": ctx.form_version.number,
        "outcome_field": ctx.params.get("outcome_field") or "",
        "answers": answers,
    }


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
