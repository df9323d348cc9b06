"""Opening a case: references gap-free per case type and year and their format, the first event, the
initial state's due time, scope and role for staff intake, the parent's window — and nothing half-written
when an opening fails."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import Case, CaseConfidential, CaseEvent, CaseType
from cases.services import case_open, case_open_by_staff, case_open_from_parent
from tests.factories import INTAKE, CaseFactory

pytestmark = pytest.mark.django_db


class Refused(Exception):
    pass


def _refuse(opened):
    raise Refused


# --- references ---


def test_a_reference_is_the_prefix_the_year_and_a_six_digit_number(case_config):
    case = CaseFactory()
    year = timezone.now().year
    assert re.fullmatch(r"TST-\d{4}-\d{6}", case.reference)
    assert case.reference == f"TST-{year}-{case.number:06d}" and case.year == year


def test_references_are_gap_free_per_case_type(case_config, supervisor):
    first, second = CaseFactory(), CaseFactory()
    followup = CaseFactory(case_type="test_followup", actor=supervisor)
    third = CaseFactory()
    assert [c.number for c in (first, second, third)] == [1, 2, 3]
    assert followup.number == 1 and followup.reference.startswith("TFU-")


def test_reference_numbers_start_again_in_a_new_year(case_config):
    CaseFactory()
    CaseFactory()
    next_year = timezone.now().replace(year=timezone.now().year + 1, month=1, day=15)
    with time_machine.travel(next_year):
        case = CaseFactory()
    assert case.year == next_year.year and case.number == 1
    assert case.reference == f"TST-{next_year.year}-000001"


def test_a_failed_opening_uses_no_reference_number(case_config):
    with pytest.raises(Refused):
        case_open(
            case_type=CaseType.objects.get(key="test_case"),
            data=dict(INTAKE),
            language="ar",
            within=_refuse,
        )
    assert CaseFactory().number == 1


# --- what an opening writes ---


def test_opening_writes_a_public_created_event_with_the_initial_state(case_config):
    case = CaseFactory()
    events = list(case.events.all())
    assert [e.kind for e in events] == [CaseEvent.Kind.CREATED]
    assert events[0].public is True and events[0].data["state"] == "received"
    assert case.event_count == 1 and case.last_event_hash == events[0].hash


def test_opening_gives_the_case_the_due_time_of_its_initial_state(case_config):
    with time_machine.travel(timezone.now(), tick=False):
        case = CaseFactory()
        assert case.state == "received" and case.opened_at == timezone.now()
        assert case.due_at == timezone.now() + timedelta(hours=48)
        assert case.closed_at is None


def test_confidential_answers_are_kept_apart_from_the_case_data(case_config):
    case = CaseFactory()
    assert "reporter_name" not in case.data and "phone" not in case.data
    assert CaseConfidential.objects.filter(case=case).exists()


def test_an_opening_refused_inside_its_transaction_leaves_nothing(case_config):
    with pytest.raises(Refused):
        case_open(
            case_type=CaseType.objects.get(key="test_case"),
            data=dict(INTAKE),
            language="ar",
            within=_refuse,
        )
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()
    assert not CaseConfidential.objects.exists()


def test_invalid_answers_are_refused_with_field_errors_and_nothing_is_written(case_config):
    with pytest.raises(CaseInvalid) as refused:
        CaseFactory(data__summary="")
    assert "summary" in {e["field"] for e in refused.value.errors}
    assert not Case.objects.exists()


# --- who may open ---


def test_the_public_may_not_open_a_case_type_without_public_intake(case_config):
    with pytest.raises(CaseForbidden):
        CaseFactory(case_type="test_followup", actor=None)
    assert not Case.objects.exists()


@pytest.fixture
def staff_intake(case_config):
    """Inspectors may record test cases taken by phone."""
    CaseType.objects.filter(key="test_case").update(intake_roles="labour_inspector", intake_channels="phone")
    return CaseType.objects.get(key="test_case")


def _open_by_staff(case_type, actor, **changes):
    return case_open_by_staff(
        case_type=case_type, actor=actor, channel="phone", data={**INTAKE, **changes}, language="ar"
    )


def test_staff_may_record_a_case_in_their_governorate(staff_intake, inspector):
    opened = _open_by_staff(staff_intake, inspector)
    assert opened.case.channel == "phone" and opened.case.created_by == inspector


def test_staff_may_not_record_a_case_outside_their_governorates(staff_intake, inspector):
    with pytest.raises(CaseInvalid) as refused:
        _open_by_staff(staff_intake, inspector, governorate="IQ-BA")
    assert refused.value.code == "out_of_scope"
    assert not Case.objects.exists()


def test_staff_without_an_intake_role_may_not_record_a_case(staff_intake, supervisor):
    with pytest.raises(CaseForbidden):
        _open_by_staff(staff_intake, supervisor)
    assert not Case.objects.exists()


def test_staff_may_not_record_a_case_through_a_channel_the_type_does_not_take(staff_intake, inspector):
    with pytest.raises(CaseInvalid) as refused:
        case_open_by_staff(
            case_type=staff_intake, actor=inspector, channel="paper", data=dict(INTAKE), language="ar"
        )
    assert refused.value.errors[0]["field"] == "channel"
    assert not Case.objects.exists()


# --- opening from an earlier case ---


def _appeal(parent):
    return case_open_from_parent(
        case_type=CaseType.objects.get(key="test_appeal"),
        parent=parent,
        data={"reason": "The employer was not heard."},
        language="ar",
    )


def test_an_appeal_is_refused_while_its_parent_is_open(case):
    with pytest.raises(CaseConflict) as refused:
        _appeal(case)
    assert refused.value.code == "parent_open"


def test_an_appeal_is_opened_within_the_window_after_the_parent_closed(case):
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=29))
    case.refresh_from_db()
    appeal = _appeal(case).case
    assert appeal.parent == case and appeal.governorate == case.governorate


def test_an_appeal_is_refused_once_the_window_after_closure_has_passed(case):
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=31))
    case.refresh_from_db()
    with pytest.raises(CaseConflict) as refused:
        _appeal(case)
    assert refused.value.code == "window_passed"
    assert Case.objects.count() == 1


def test_a_case_type_opened_from_a_parent_is_refused_without_one(case_config):
    with pytest.raises(CaseInvalid) as refused:
        CaseFactory(case_type="test_appeal", data={"reason": "No parent given."})
    assert refused.value.code == "parent_required"
