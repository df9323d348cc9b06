"""Escalation that reaches someone, on the shipped configuration, run the way `make run` runs it without Redis
(`manage.py run_periodic --job sla_sweep --once`): a sensitive complaint past its 24 working hours reaches the
supervisor of sensitive complaints of its governorate (never the plain supervisor, who may not see it), then
the national one 48 working hours later; an overdue labour inspection reaches its governorate's supervisor;
a second sweep writes nothing; the sweep's queries do not grow with the cases."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, CaseEvent, Notification
from cases.primitives.states import working_time_add
from cases.services import case_open, sla_sweep
from tests.schemes.helpers import GRIEVANCE, case_type

pytestmark = pytest.mark.django_db


def _sweep_at(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        call_command("run_periodic", "--job", "sla_sweep", "--once")


def _escalations(case):
    return list(case.events.filter(kind=CaseEvent.Kind.ESCALATED).order_by("sequence"))


def _told(case, user) -> int:
    return Notification.objects.filter(case=case, recipient_user=user).count()


def _sensitive_complaint():
    return case_open(
        case_type=case_type("grievance"), data={**GRIEVANCE, "category": "harassment_sexual"}, language="en"
    ).case


def test_an_overdue_sensitive_complaint_reaches_the_restricted_supervisor_then_the_national_one(
    people, make_user, django_capture_on_commit_callbacks
):
    national_sensitive = make_user("grm_sensitive_supervisor", username="sens_sup_national", language="en")
    national_supervisor = make_user("supervisor", username="sup_national", language="en")
    case = _sensitive_complaint()
    assert case.restricted
    week = case.case_type.calendar.work_week()
    level_2_at = working_time_add(case.due_at, 48, week)

    _sweep_at(case.due_at - timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert _escalations(case) == [], "not due yet: nothing"

    _sweep_at(case.due_at + timedelta(minutes=1), django_capture_on_commit_callbacks)
    (level_1,) = _escalations(case)
    assert level_1.data["level"] == 1 and level_1.data["role"] == "grm_sensitive_supervisor"
    assert level_1.public is False
    assert _told(case, people["sensitive_supervisor_bg"]) == 1
    assert _told(case, people["supervisor_bg"]) == 0, "the plain supervisor may not see a restricted case"
    assert _told(case, national_sensitive) == 0, "the national level comes later"
    notice = Notification.objects.get(case=case, recipient_user=people["sensitive_supervisor_bg"])
    assert notice.subject == f"Overdue case (escalation level 1): {case.reference}"

    _sweep_at(level_2_at - timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert len(_escalations(case)) == 1, "level 2 waits its 48 working hours"

    _sweep_at(level_2_at + timedelta(minutes=1), django_capture_on_commit_callbacks)
    level_1, level_2 = _escalations(case)
    assert level_2.data["level"] == 2 and level_2.data["role"] == "grm_sensitive_supervisor"
    assert _told(case, national_sensitive) == 1
    assert _told(case, national_supervisor) == 0 and _told(case, people["supervisor_bg"]) == 0
    assert _told(case, people["sensitive_supervisor_bg"]) == 1, "level 1 is not told twice"
    case.refresh_from_db()
    assert case.escalation_level == 2 and case.escalation_next_at is None
    assert case.events.filter(kind=CaseEvent.Kind.SLA).count() == 1


def test_an_overdue_labour_inspection_reaches_its_governorate_s_supervisor(
    people, factory, make_user, django_capture_on_commit_callbacks
):
    elsewhere = make_user("supervisor", governorates=("IQ-BA",), username="sup_ba")
    plan = {"establishment": {"id": factory.pk}, "governorate": "IQ-BG", "origin": "planned"}
    case = case_open(
        case_type=case_type("labour_inspection"),
        data={**plan, "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat()},
        language="ar",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    _sweep_at(case.due_at + timedelta(hours=1), django_capture_on_commit_callbacks)
    (level_1,) = _escalations(case)
    assert level_1.data == {"level": 1, "role": "supervisor", "notified": ["sup_bg"]}
    assert _told(case, people["supervisor_bg"]) == 1 and _told(case, elsewhere) == 0
    assert _told(case, people["sensitive_supervisor_bg"]) == 0


def test_nobody_to_escalate_to_is_an_event_not_silence(shipped, django_capture_on_commit_callbacks):
    case = _sensitive_complaint()
    _sweep_at(case.due_at + timedelta(hours=1), django_capture_on_commit_callbacks)
    (level_1,) = _escalations(case)
    assert level_1.data == {"level": 1, "role": "", "notified": [], "nobody": True}
    assert not Notification.objects.filter(case=case, recipient_user__isnull=False).exists()


def test_a_second_sweep_writes_nothing(people, django_capture_on_commit_callbacks):
    case = _sensitive_complaint()
    moment = case.due_at + timedelta(hours=1)
    _sweep_at(moment, django_capture_on_commit_callbacks)
    events, notices = case.events.count(), Notification.objects.count()
    with time_machine.travel(moment + timedelta(minutes=15), tick=False):
        assert sla_sweep() == 0
    assert case.events.count() == events and Notification.objects.count() == notices


def test_the_sweep_s_queries_are_bounded_per_case(people, django_assert_max_num_queries):
    cases = [_sensitive_complaint() for _ in range(3)]
    cases += [
        case_open(case_type=case_type("grievance"), data=GRIEVANCE, language="en").case for _ in range(12)
    ]
    moment = max(c.due_at for c in cases) + timedelta(hours=1)
    # per case: lock (and its savepoint), save, two events (each a write and a counter update), a notification
    # and its job; the workflow, calendar and recipients of each level are read once per kind of case (type,
    # governorate, restriction), not per case
    with time_machine.travel(moment, tick=False), django_assert_max_num_queries(30 + 11 * len(cases)):
        assert sla_sweep() == len(cases)
    level_1 = CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED, data__level=1)
    assert sorted(level_1.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
