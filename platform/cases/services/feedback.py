"""The reporter's own voice after closure: their satisfaction, given through tracking (the portal's page
and the API's endpoint call this one service), never typed in by staff."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.audit import event_write
from cases.errors import CaseConflict, CaseInvalid, CaseNotFound, CaseThrottled
from cases.models import Case, CaseEvent
from cases.selectors import case_track, satisfaction_options
from core.ratelimit import hit

#: Answers (right or wrong) one address may send per hour; wrong codes also count as tracking failures.
ANSWERS_PER_HOUR = 20


def _tracked(reference, code, address: str) -> Case:
    if hit("track-answer", address, window=3600) > ANSWERS_PER_HOUR:
        raise CaseThrottled(_("Too many attempts. Try again later."))
    reference = str(reference or "").strip().upper()[:32]
    case, blocked = case_track(reference=reference, code=str(code or "").strip()[:40], address=address)
    if blocked:
        raise CaseThrottled(_("Too many attempts. Try again later."))
    if case is None:
        raise CaseNotFound(_("No case matches this reference and tracking code."))
    return case


def _answer_checked(case: Case, answer) -> str:
    codes = [code for code, _label in satisfaction_options(case_type=case.case_type, language="en")]
    if not codes:
        raise CaseInvalid(_("This case does not ask for your satisfaction."), code="not_asked")
    if case.closed_at is None:
        raise CaseConflict(_("You can give your view once the case is closed."), code="not_closed")
    if case.satisfaction:
        raise CaseConflict(_("You have already given your view on this case."), code="already_answered")
    if not isinstance(answer, str) or answer not in codes:
        raise CaseInvalid.for_field("answer", "invalid_choice", _("Choose one of the answers offered."))
    return answer


def satisfaction_record(*, reference, code, answer, address: str) -> Case:
    """Record the reporter's satisfaction with a closed case, given with its reference and tracking code
    (throttled like tracking; one answer for an unknown reference and a wrong code). Once per case: refused
    before closure, after an answer, or for an answer not on the case type's list — changing nothing."""
    found = _tracked(reference, code, address)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("case_type").get(pk=found.pk)
        answer = _answer_checked(case, answer)
        case.satisfaction, case.satisfaction_at = answer, timezone.now()
        case.save(update_fields=["satisfaction", "satisfaction_at", "updated_at"])
        event_write(case=case, kind=CaseEvent.Kind.SATISFACTION, data={"answer": answer}, public=True)
    return case
