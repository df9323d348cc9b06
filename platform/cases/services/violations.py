"""Following violations up: marking them corrected (or otherwise), with an event."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.audit import event_write
from cases.errors import CaseForbidden, CaseInvalid
from cases.models import CaseEvent, Violation
from cases.permissions import CasePermissions


def violation_set_status(*, violation: Violation, status: str, actor, note: str = "") -> CaseEvent:
    """Change a violation's status (corrected, ...): someone who works this case type with the permission."""
    if status not in Violation.Status.values:
        raise CaseInvalid(_("Unknown status."), code="invalid_choice")
    with transaction.atomic():
        case = case_for_update(case=violation.case, actor=actor)
        if not CasePermissions(actor, case).may_change_violations:
            raise CaseForbidden(_("You may not change this violation."))
        violation.status = status
        violation.resolved_at = timezone.now() if status != Violation.Status.OPEN else None
        violation.save(update_fields=["status", "resolved_at"])
        return event_write(
            case=case,
            kind=CaseEvent.Kind.VIOLATION,
            actor=actor,
            data={"violation": violation.pk, "status": status, "note": note[:2000]},
        )
