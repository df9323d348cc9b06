"""Enforcement: the actions the case type's ladder allows next, and issuing one."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.audit import event_write
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import Case, CaseEvent, EnforcementAction
from cases.permissions import CasePermissions


def enforcement_allowed_next(case: Case) -> list[str]:
    """The enforcement actions the case type's ladder allows after the case's latest one."""
    ladder = case.case_type.enforcement_ladder or {}
    latest = (
        case.enforcement_actions.exclude(status=EnforcementAction.Status.WITHDRAWN)
        .order_by("-issued_at")
        .first()
    )
    step = latest.kind if latest else "start"
    if not ladder:
        return list(EnforcementAction.Kind.values)
    return list(ladder.get(step, []))


def _enforcement_checked(case: Case, kind: str, actor, amount_iqd) -> None:
    if not CasePermissions(actor, case).may_enforce:
        raise CaseForbidden(_("You may not issue enforcement actions."))
    if kind not in EnforcementAction.Kind.values:
        raise CaseInvalid(_("Unknown enforcement action."), code="invalid_choice")
    if kind not in enforcement_allowed_next(case):
        raise CaseConflict(_("This enforcement action cannot follow the previous one."), code="ladder")
    if kind == EnforcementAction.Kind.FINE and (amount_iqd is None or amount_iqd <= 0):
        raise CaseInvalid.for_field("amount_iqd", "required", _("A fine needs an amount in IQD."))


def enforcement_issue(
    *, case: Case, kind: str, actor, violations=(), amount_iqd=None, due_date=None, notes: str = ""
) -> EnforcementAction:
    """Issue an enforcement action, if the ladder allows it after the previous one (fines need an amount)."""
    with transaction.atomic():
        case = case_for_update(case=case, actor=actor)
        _enforcement_checked(case, kind, actor, amount_iqd)
        violations = [v for v in violations if v.case_id == case.pk]
        action = EnforcementAction.objects.create(
            case=case, kind=kind, amount_iqd=amount_iqd, due_date=due_date, notes=notes, issued_by=actor
        )
        action.violations.set(violations)
        event_write(
            case=case,
            kind=CaseEvent.Kind.ENFORCEMENT,
            actor=actor,
            data={
                "enforcement": action.pk,
                "kind": kind,
                "amount_iqd": str(amount_iqd) if amount_iqd else None,
                "violations": [v.pk for v in violations],
            },
        )
        return action
