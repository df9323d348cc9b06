"""Entering a workflow state: the one place for the state's dates (SLA due time, closure), counted by the
working calendar of the state or of the case type (``core.workdays``: whole working days)."""

from django.utils import timezone

from cases.models import Case
from core.workdays import WorkWeek, working_hours_add


def state_calendar(state, case_type=None) -> WorkWeek | None:
    """The working week that counts time in ``state``: the state's calendar, else the case type's, else None
    (every hour counts)."""
    calendar = getattr(state, "calendar", None) or getattr(case_type, "calendar", None)
    return calendar.work_week() if calendar else None


def working_time_add(start, hours, week: WorkWeek | None):
    """``hours`` working hours after ``start``, counted in local time (the calendar's days are local days)."""
    return working_hours_add(timezone.localtime(start), hours, week)


def state_due(state, now=None, case_type=None):
    """When a case entering ``state`` is due: its SLA hours from now in working time, or None (no limit)."""
    if state is None or not state.sla_hours:
        return None
    return working_time_add(now or timezone.now(), state.sla_hours, state_calendar(state, case_type))


def case_due_after(case: Case, hours: int, now=None):
    """``hours`` working hours from now for ``case`` in its current state (its state's or type's calendar)."""
    state = case.case_type.workflow.state(case.state)
    return working_time_add(now or timezone.now(), hours, state_calendar(state, case.case_type))


def state_enter(case: Case, state, now=None) -> None:
    """Put ``case`` in ``state`` (unsaved): the time it entered, its new due time, its closure date (set on
    entering a final state, kept if already closed; cleared on leaving one) and a fresh overdue warning and
    escalation."""
    now = now or timezone.now()
    case.state, case.state_entered_at = state.key, now
    case.due_at = state_due(state, now, case.case_type)
    case.closed_at = (case.closed_at or now) if state.is_terminal else None
    case.overdue_notified_at = None
    case.escalation_level, case.escalation_next_at = 0, None


STATE_FIELDS = [
    "state",
    "state_entered_at",
    "due_at",
    "closed_at",
    "overdue_notified_at",
    "escalation_level",
    "escalation_next_at",
]
