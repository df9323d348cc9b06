"""Entering a workflow state: the one place for the state's dates (SLA due time, closure)."""

from datetime import timedelta

from django.utils import timezone

from cases.models import Case


def state_due(state, now=None):
    """When a case entering ``state`` is due: its SLA hours from now, or None (no time limit)."""
    if state is None or not state.sla_hours:
        return None
    return (now or timezone.now()) + timedelta(hours=state.sla_hours)


def state_enter(case: Case, state, now=None) -> None:
    """Put ``case`` in ``state`` (unsaved): the time it entered, its new due time, its closure date (set on
    entering a final state, kept if already closed; cleared on leaving one) and a fresh overdue warning."""
    now = now or timezone.now()
    case.state, case.state_entered_at = state.key, now
    case.due_at = state_due(state, now)
    case.closed_at = (case.closed_at or now) if state.is_terminal else None
    case.overdue_notified_at = None


STATE_FIELDS = ["state", "state_entered_at", "due_at", "closed_at", "overdue_notified_at"]
