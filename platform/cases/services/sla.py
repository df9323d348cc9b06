"""The SLA sweep: cases past their due time are marked once and their supervisors told."""

from django.db import transaction
from django.utils import timezone

from cases.access import case_locked
from cases.audit import event_write
from cases.models import Case, CaseEvent
from cases.notifications import notify_user
from cases.selectors import escalation_people

OVERDUE_SUBJECT = {"ar": "قضية متأخرة: {reference}", "en": "Overdue case: {reference}"}
OVERDUE_MESSAGE = {
    "ar": "تجاوزت القضية {reference} الوقت المسموح به في حالة «{state}».",
    "en": "Case {reference} has passed the time allowed in the state “{state}”.",
}


def _overdue_mark(case_id: int, now) -> bool:
    with transaction.atomic():
        case = case_locked(Case(pk=case_id))
        if case.overdue_notified_at or case.closed_at or not case.due_at or case.due_at >= now:
            return False
        case.overdue_notified_at = now
        case.save(update_fields=["overdue_notified_at"])
        event_write(case=case, kind=CaseEvent.Kind.SLA, data={"due_at": case.due_at.isoformat()})
        for user in escalation_people(case):
            notify_user(case=case, user=user, subject=OVERDUE_SUBJECT, message=OVERDUE_MESSAGE)
    return True


def sla_sweep(*, now=None) -> int:
    """Mark open cases past their due time; notify the escalation role once. Returns how many were marked."""
    now = now or timezone.now()
    due = Case.objects.filter(closed_at__isnull=True, due_at__lt=now, overdue_notified_at__isnull=True)
    return sum(_overdue_mark(case_id, now) for case_id in due.values_list("pk", flat=True)[:1000])
