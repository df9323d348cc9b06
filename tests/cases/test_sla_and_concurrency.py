"""SLA sweep; references unique and gap-free under concurrent creation (PostgreSQL)."""

import io
import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseType, Notification
from cases.services import case_open, sla_sweep
from tests.cases.conftest import INTAKE


@pytest.mark.django_db
def test_sla_sweep_marks_overdue_cases_once_and_notifies_the_escalation_role(
    open_case, staff, django_capture_on_commit_callbacks
):
    case = open_case().case
    open_case(governorate="IQ-BA")
    assert sla_sweep() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        with django_capture_on_commit_callbacks(execute=True):
            assert sla_sweep() == 2
        assert sla_sweep() == 0, "each case is reported once"
        case.refresh_from_db()
        assert case.overdue_notified_at is not None and case.is_overdue
    assert case.events.filter(kind=CaseEvent.Kind.SLA).count() == 1
    notices = Notification.objects.filter(recipient_user=staff["supervisor_bg"])
    assert [n.case for n in notices] == [case], "the Baghdad supervisor hears only of Baghdad cases"
    assert notices[0].subject == f"Overdue case (escalation level 1): {case.reference}"


@pytest.mark.django_db
def test_sla_sweep_command_runs_for_cron(open_case, staff):
    from django.core.management import call_command

    open_case()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        call_command("sla_sweep", stdout=io.StringIO())
    assert Case.objects.filter(overdue_notified_at__isnull=False).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (the CI's second run)"
)
@pytest.mark.django_db(transaction=True)
def test_references_are_unique_and_gap_free_under_concurrent_creation(reference_data, roles):
    from pathlib import Path

    from core.configs import load_configs
    from registry.models import LegalInstrument, LegalProvision
    from tests.cases.conftest import CONFIGS

    instrument = LegalInstrument.objects.create(key="law", kind="national_law", title={"ar": "ق", "en": "L"})
    LegalProvision.objects.create(
        instrument=instrument, key="iq-ll-2015-test-article", article="1", title={"ar": "م", "en": "A"}
    )
    load_configs(config_dir=Path(CONFIGS))
    case_type = CaseType.objects.get(key="test_case")
    references, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            for _ in range(5):
                references.append(
                    case_open(case_type=case_type, data=dict(INTAKE), files={}, language="ar").case.reference
                )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, 41)), "unique and without gaps"
