"""The SLA sweep: a case past its due time is marked once (event ``sla``) and escalated level by level, as its
workflow configures (``selectors.escalation``): each level reached is an ``escalated`` event naming who was
told (or that no one could be), written once per level per visit of the state. The times of the levels are
counted by the case's working calendar, like the due time."""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.access import case_locked
from cases.audit import event_write
from cases.models import Case, CaseEvent, Workflow
from cases.notifications import notify_user
from cases.primitives.assignment import assignment_write
from cases.primitives.states import state_calendar, working_time_add
from cases.selectors import Level, escalation_levels, escalation_recipients, least_loaded

logger = logging.getLogger(__name__)

BATCH = 1000
ESCALATED_SUBJECT = {
    "ar": "قضية متأخرة (مستوى التصعيد {level}): {reference}",
    "en": "Overdue case (escalation level {level}): {reference}",
}
ESCALATED_MESSAGE = {
    "ar": "تجاوزت القضية {reference} الوقت المسموح به في حالة «{state}». أُبلغتَ بها في مستوى التصعيد {level}.",
    "en": "Case {reference} has passed the time allowed in the state “{state}”. "
    "You are told of it at escalation level {level}.",
}


def _with_level(text: dict, level: int) -> dict:
    return {language: value.replace("{level}", str(level)) for language, value in text.items()}


class _Sweep:
    """What one sweep reads once and shares between cases: each workflow's escalation rows, each calendar's
    working week, the recipients of a level for cases alike in type, governorate and restriction."""

    def __init__(self, now):
        self.now = now
        self._workflows, self._weeks, self._people = {}, {}, {}

    def prepare(self, case: Case) -> None:
        """Give ``case`` its workflow with the states and escalation rows read once per sweep."""
        workflow_id = case.case_type.workflow_id
        if workflow_id not in self._workflows:
            self._workflows[workflow_id] = Workflow.objects.prefetch_related(
                "states__calendar", "escalations"
            ).get(pk=workflow_id)
        case.case_type.workflow = self._workflows[workflow_id]

    def levels(self, case: Case) -> list[Level]:
        return escalation_levels(case, list(case.case_type.workflow.escalations.all()))

    def level_time(self, case: Case, level: Level):
        if not level.after_hours:
            return case.due_at
        state = case.case_type.workflow.state(case.state)
        key = (getattr(state, "calendar_id", None), case.case_type.calendar_id)
        if key not in self._weeks:
            self._weeks[key] = state_calendar(state, case.case_type)
        return working_time_add(case.due_at, level.after_hours, self._weeks[key])

    def recipients(self, case: Case, level: Level) -> tuple[str, list]:
        key = (case.case_type_id, case.governorate_id, case.restricted, level)
        if key not in self._people:
            self._people[key] = escalation_recipients(case, level)
        return self._people[key]


def _level_escalate(case: Case, level: Level, sweep: _Sweep) -> None:
    role, people = sweep.recipients(case, level)
    data = {"level": level.level, "role": role, "notified": [p.name_in() for p in people]}
    if not people:
        data["nobody"] = True
        logger.warning("case %s: no one to escalate to at level %s", case.reference, level.level)
    chosen = least_loaded(people) if level.reassign else None
    if chosen is not None and chosen.pk != case.assignee_id:
        assignment_write(case=case, assignee=chosen, actor=None, by_rule=True)
        data["reassigned_to"] = chosen.username
    event_write(case=case, kind=CaseEvent.Kind.ESCALATED, data=data)
    subject, message = (
        _with_level(ESCALATED_SUBJECT, level.level),
        _with_level(ESCALATED_MESSAGE, level.level),
    )
    for person in people:
        notify_user(case=case, user=person, subject=subject, message=message)


def _case_escalate(case_id: int, sweep: _Sweep) -> bool:
    """Mark one case overdue (once) and write the levels now reached; under the case's row lock."""
    with transaction.atomic():
        case = case_locked(Case(pk=case_id))
        if case.closed_at or not case.due_at or case.due_at >= sweep.now:
            return False
        sweep.prepare(case)
        levels = sweep.levels(case)
        pending = [level for level in levels if level.level > case.escalation_level]
        reached = [level for level in pending if sweep.level_time(case, level) <= sweep.now]
        first = case.overdue_notified_at is None
        if first:
            case.overdue_notified_at = sweep.now
            event_write(case=case, kind=CaseEvent.Kind.SLA, data={"due_at": case.due_at.isoformat()})
        for level in reached:
            _level_escalate(case, level, sweep)
            case.escalation_level = level.level
        later = [level for level in pending if level not in reached]
        case.escalation_next_at = sweep.level_time(case, later[0]) if later else None
        case.save(update_fields=["overdue_notified_at", "escalation_level", "escalation_next_at"])
    return first or bool(reached)


def sla_sweep(*, now=None) -> int:
    """Mark open cases past their due time and escalate them to the levels now due. Returns how many cases
    were marked or escalated; safe to run often and from several processes (each case under its lock)."""
    sweep = _Sweep(now or timezone.now())
    due = Case.objects.filter(closed_at__isnull=True, due_at__lt=sweep.now).filter(
        Q(overdue_notified_at__isnull=True) | Q(escalation_next_at__lte=sweep.now)
    )
    ids = list(due.order_by("due_at", "pk").values_list("pk", flat=True)[:BATCH])
    return sum(_case_escalate(case_id, sweep) for case_id in ids)
