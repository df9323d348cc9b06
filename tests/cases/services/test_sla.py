"""``sla_sweep``: an open case past its due time is marked once, with an event, and the escalation role in
its governorate is told; cases not yet due, closed, or already reported are left alone. Frozen time."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.models import Case, CaseEvent, Notification
from cases.services import sla_sweep
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

AFTER_DUE = timedelta(hours=49)  # the initial state allows 48 hours


def test_the_sweep_leaves_a_case_that_is_not_yet_due(case):
    with time_machine.travel(timezone.now() + timedelta(hours=47), tick=False):
        assert sla_sweep() == 0
    case.refresh_from_db()
    assert case.overdue_notified_at is None


def test_the_sweep_marks_a_case_past_its_due_time_with_an_event(case):
    with time_machine.travel(timezone.now() + AFTER_DUE, tick=False):
        assert sla_sweep() == 1
        case.refresh_from_db()
        assert case.overdue_notified_at == timezone.now()
    event = case.events.get(kind=CaseEvent.Kind.SLA)
    assert event.kind == CaseEvent.Kind.SLA and event.data == {"due_at": case.due_at.isoformat()}


def test_the_sweep_reports_a_case_once(case):
    with time_machine.travel(timezone.now() + AFTER_DUE):
        sla_sweep()
        assert sla_sweep() == 0
    assert case.events.filter(kind=CaseEvent.Kind.SLA).count() == 1


def test_the_sweep_leaves_a_closed_case_alone(case):
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    with time_machine.travel(timezone.now() + AFTER_DUE):
        assert sla_sweep() == 0
    assert not case.events.filter(kind=CaseEvent.Kind.SLA).exists()


def test_the_sweep_tells_the_escalation_role_in_the_case_s_governorate_only(
    case_config, supervisor, supervisor_elsewhere, django_capture_on_commit_callbacks
):
    case = CaseFactory()
    with time_machine.travel(timezone.now() + AFTER_DUE), django_capture_on_commit_callbacks(execute=True):
        sla_sweep()
    assert [n.case for n in Notification.objects.filter(recipient_user=supervisor)] == [case]
    assert not Notification.objects.filter(recipient_user=supervisor_elsewhere).exists()


def test_without_redis_the_periodic_runner_escalates_an_overdue_case_to_its_supervisor(
    case_config, supervisor, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    case = CaseFactory()
    with time_machine.travel(timezone.now() + AFTER_DUE), django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic", "--job", "sla_sweep")
    assert case.events.filter(kind=CaseEvent.Kind.SLA).count() == 1
    assert Notification.objects.filter(recipient_user=supervisor, case=case).count() == 1
