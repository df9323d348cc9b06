"""Following violations up on the case page: marking one corrected, not corrected, escalated, withdrawn
(with a reason) or reopened — each change checked against the violation's life and written as an event."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import case_for_update
from cases.errors import CaseForbidden
from cases.models import CaseEvent, Violation
from cases.permissions import CasePermissions
from cases.primitives.violation_life import violation_change


def violation_set_status(
    *, violation: Violation, status: str, actor, note: str = "", reason: str = ""
) -> CaseEvent:
    """Change a violation's status: someone who works this case type with the permission. Marked corrected
    here, it counts as verified by ``actor``, now, at its own case."""
    with transaction.atomic():
        case = case_for_update(case=violation.case, actor=actor)
        if not CasePermissions(actor, case).may_change_violations:
            raise CaseForbidden(_("You may not change this violation."))
        violation = Violation.objects.select_for_update().get(pk=violation.pk)
        return violation_change(violation, status, actor=actor, note=note, reason=reason, case=case)[0]
