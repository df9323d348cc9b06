"""Recording violations from a checklist, verifying outstanding ones at a visit, and refusing an outcome
that needs violations in states they are not in."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from cases.catalogue import Action, ActionError, register
from cases.models import Violation
from cases.primitives.verification import verifications_apply, verifications_clean
from cases.primitives.violations import violations_record
from core.i18n import localize


def _codes(text) -> list[str]:
    return [code.strip() for code in str(text or "").split(",") if code.strip()]


def violation_name(violation: Violation) -> str:
    """How a message names a violation: its provision, else its checklist item."""
    if violation.provision_id:
        return violation.provision.citation_short
    return localize(violation.description) or violation.item_key or str(violation.pk)


@register
class CreateViolations(Action):
    name = "create_violations"
    label = gettext_lazy("Record violations from non-compliant checklist answers")
    icon = "warning"

    def run(self, ctx):
        ctx.events += violations_record(
            case=ctx.case, version=ctx.form_version, data=ctx.data, actor=ctx.actor
        )


@register
class VerifyViolations(Action):
    """The step verifies the establishment's outstanding violations: the screen shows them first, each
    with corrected / not corrected / could not be verified, a note and photos; the API takes the same
    answers as ``verifications``. Both go through one check and one update (cases.primitives.verification)."""

    name = "verify_violations"
    label = gettext_lazy("Verify the establishment's outstanding violations")
    icon = "tick"

    def run(self, ctx):
        answers = verifications_clean(case=ctx.case, actor=ctx.actor, answers=ctx.verifications)
        ctx.events += verifications_apply(visit=ctx.case, answers=answers, actor=ctx.actor)


@register
class RequireViolationStates(Action):
    """A guard: closing with one of the given outcomes needs every violation of the case in one of the
    given statuses (e.g. "corrected after notice" needs each corrected or withdrawn)."""

    name = "require_violation_states"
    label = gettext_lazy("Refuse an outcome while violations are in other states")
    icon = "warning"

    def param_blocks(self):
        return [
            ("outcomes", blocks.CharBlock(label=gettext_lazy("outcome codes, separated by commas"))),
            (
                "states",
                blocks.CharBlock(
                    label=gettext_lazy("violation statuses they need, separated by commas"),
                    help_text=gettext_lazy("e.g. corrected,withdrawn"),
                ),
            ),
            (
                "outcome_field",
                blocks.CharBlock(required=False, label=gettext_lazy("the form field giving the outcome")),
            ),
        ]

    def check(self, params):
        problems = []
        if not _codes(params.get("outcomes")):
            problems.append(_("give the outcome codes"))
        states = _codes(params.get("states"))
        unknown = [state for state in states if state not in Violation.Status.values]
        if not states or unknown:
            problems.append(
                _("give violation statuses among: %(known)s") % {"known": ", ".join(Violation.Status.values)}
            )
        return problems

    def run(self, ctx):
        outcome = str(ctx.values().get(ctx.params.get("outcome_field") or "outcome") or "")
        if outcome not in _codes(ctx.params.get("outcomes")):
            return
        states = _codes(ctx.params.get("states"))
        blocking = list(
            ctx.case.violations.exclude(status__in=states).select_related("provision__instrument")
        )
        if blocking:
            names = "; ".join(f"{violation_name(v)} ({v.get_status_display()})" for v in blocking)
            wanted = ", ".join(str(Violation.Status(state).label) for state in states)
            raise ActionError(
                _("This outcome needs every violation to be: %(states)s. Not yet: %(list)s.")
                % {"states": wanted, "list": names}
            )
