"""A violation's life, inside the caller's transaction: which status may follow which, and each change
written on the timeline of the violation's case (and of the visit that verified it, when another).

open → corrected (verified: by whom, when, at which visit, with a note and files) / not corrected →
escalated (carried to enforcement) / withdrawn (with a reason); a correction found wrong reopens it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import case_locked
from cases.audit import event_write
from cases.errors import CaseConflict, CaseInvalid
from cases.models import Case, CaseEvent, Violation
from cases.models.enforcement import NEXT_STATUSES

S = Violation.Status
RESOLVED = {S.CORRECTED, S.WITHDRAWN}


def violation_change_checked(violation: Violation, status: str, reason: str) -> None:
    """Refuse an unknown status, an impossible change or a withdrawal without its reason."""
    if status not in S.values:
        raise CaseInvalid.for_field("status", "invalid_choice", _("Unknown status."))
    if status not in NEXT_STATUSES.get(violation.status, ()):
        raise CaseConflict(
            _("A violation that is “%(current)s” cannot become “%(new)s”.")
            % {"current": violation.get_status_display(), "new": S(status).label},
            code="violation_status",
        )
    if status == S.WITHDRAWN and not reason.strip():
        raise CaseInvalid.for_field(
            "reason", "reason_required", _("Give the reason for withdrawing the violation.")
        )


def _set(violation: Violation, status: str, *, actor, note: str, reason: str, visit: Case) -> None:
    now = timezone.now()
    violation.status = status
    violation.resolved_at = now if status in RESOLVED else None
    if status == S.CORRECTED:
        violation.verified_by, violation.verified_at, violation.verified_in = actor, now, visit
        violation.verification_note = note
    elif status == S.OPEN:
        violation.verified_by = violation.verified_at = violation.verified_in = None
        violation.verification_note = ""
    if status == S.WITHDRAWN:
        violation.withdrawal_reason = reason.strip()
    violation.save()


def violation_record(
    violation: Violation, *, actor, data: dict, visit: Case | None = None, case: Case | None = None
) -> list[CaseEvent]:
    """The events of something that happened to a violation: on its case (``case``, the locked row, if the
    caller holds it) and on the visit that verified it, when that is another case."""
    data = {"violation": violation.pk, **data}
    if case is None:
        case = visit if visit is not None and visit.pk == violation.case_id else case_locked(violation.case)
    owner = case
    events = [event_write(case=owner, kind=CaseEvent.Kind.VIOLATION, actor=actor, data=data)]
    if visit is not None and visit.pk != owner.pk:
        data = {**data, "case": owner.reference}
        events.append(event_write(case=visit, kind=CaseEvent.Kind.VIOLATION, actor=actor, data=data))
    return events


def violation_change(
    violation: Violation,
    status: str,
    *,
    actor,
    note: str = "",
    reason: str = "",
    visit: Case | None = None,
    evidence: list | None = None,
    case: Case | None = None,
) -> list[CaseEvent]:
    """Move a violation to ``status`` (checked), with its events. ``visit`` is the case at which it was
    verified (the violation's own case by default); ``evidence`` the attachments that show it."""
    violation_change_checked(violation, status, reason)
    previous = violation.status
    visit = visit or case or violation.case
    note = (note or "").strip()[:2000]
    _set(violation, status, actor=actor, note=note, reason=reason, visit=visit)
    if evidence:
        violation.evidence.add(*evidence)
    data = {"status": status, "from": previous, "note": note}
    if reason:
        data["reason"] = reason.strip()[:2000]
    if status == S.CORRECTED:
        data["verified_in"] = visit.reference
    if evidence:
        data["evidence"] = [attachment.pk for attachment in evidence]
    return violation_record(violation, actor=actor, data=data, visit=visit, case=case)
