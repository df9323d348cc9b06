"""Enforcement: the actions the case type's ladder allows next, and issuing one (with its notice number).

The ladder (``CaseType.enforcement_ladder``) names, for each kind, the kinds that may follow it (``start``:
the first); its ``any`` list names the kinds allowed at any rung (C81 Art. 17: legal proceedings without
previous warning; Art. 13(2)(b): a stop order for imminent danger), each only with its reason.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.audit import event_write
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import Case, CaseEvent, EnforcementAction, Violation
from cases.permissions import CasePermissions
from cases.primitives.enforcement import ladder_any, ladder_next, latest_standing, notice_number_allocate
from cases.primitives.violation_life import violation_change

Kind, Status = EnforcementAction.Kind, EnforcementAction.Status


def enforcement_allowed_next(case: Case) -> list[str]:
    """The enforcement actions the case type's ladder allows after the case's latest standing one."""
    latest = latest_standing(case)
    return ladder_next(case, latest.kind if latest else "start")


def enforcement_needs_reason(case: Case, kind: str) -> bool:
    """An action the ladder allows only because it is allowed at any rung needs its reason."""
    latest = latest_standing(case)
    ladder = case.case_type.enforcement_ladder or {}
    return kind in ladder_any(case) and kind not in (ladder.get(latest.kind if latest else "start") or [])


def enforcement_checked(case: Case, kind: str, actor, amount_iqd, reason: str = "") -> None:
    """Refuse an action the actor may not issue, the ladder does not allow, or that lacks what it needs."""
    if not CasePermissions(actor, case).may_enforce:
        raise CaseForbidden(_("You may not issue enforcement actions."))
    if kind not in Kind.values:
        raise CaseInvalid(_("Unknown enforcement action."), code="invalid_choice")
    if kind not in enforcement_allowed_next(case):
        raise CaseConflict(_("This enforcement action cannot follow the previous one."), code="ladder")
    if enforcement_needs_reason(case, kind) and not (reason or "").strip():
        raise CaseInvalid.for_field(
            "reason", "required", _("This action may be taken at any step only with its reason.")
        )
    if kind == Kind.FINE and (amount_iqd is None or amount_iqd <= 0):
        raise CaseInvalid.for_field("amount_iqd", "required", _("A fine needs an amount in IQD."))


def enforcement_issued_event(action: EnforcementAction, actor) -> None:
    event_write(
        case=action.case,
        kind=CaseEvent.Kind.ENFORCEMENT,
        actor=actor,
        data={
            "enforcement": action.pk,
            "kind": action.kind,
            "notice_number": action.notice_number,
            "amount_iqd": str(action.amount_iqd) if action.amount_iqd else None,
            "violations": [v.pk for v in action.violations.all()],
            "reason": action.reason or None,
        },
    )
    violations_escalated(action, actor)


def violations_escalated(action: EnforcementAction, actor) -> None:
    """Violations found not corrected that an action now enforces are carried to enforcement (escalated),
    each change on the timeline with the notice that carries it."""
    note = _("Carried to enforcement: %(notice)s") % {
        "notice": action.notice_number or action.get_kind_display()
    }
    for violation in action.violations.filter(status=Violation.Status.NOT_CORRECTED):
        violation_change(violation, Violation.Status.ESCALATED, actor=actor, note=note, case=action.case)


def enforcement_issue(
    *,
    case: Case,
    kind: str,
    actor,
    violations=(),
    amount_iqd=None,
    due_date=None,
    notes: str = "",
    reason: str = "",
    penalty_provision=None,
) -> EnforcementAction:
    """Issue an enforcement action, if the ladder allows it after the previous one (fines need an amount,
    the kinds allowed at any rung their reason), with its notice number and the first step of its history."""
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        enforcement_checked(case, kind, actor, amount_iqd, reason)
        now = timezone.now()
        action = EnforcementAction.objects.create(
            case=case,
            kind=kind,
            amount_iqd=amount_iqd,
            due_date=due_date,
            notes=notes,
            reason=(reason or "").strip(),
            penalty_provision=penalty_provision,
            issued_by=actor,
            issued_at=now,
            notice_number=notice_number_allocate(kind, timezone.localtime(now).year),
        )
        action.violations.set([v for v in violations if v.case_id == case.pk])
        action.outcomes.create(status=Status.ISSUED, actor=actor, at=now, note=action.reason)
        enforcement_issued_event(action, actor)
        return action
