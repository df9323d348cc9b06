"""Violations: recorded from non-compliant checklist answers, and their status changed only by someone who
works on the case and holds the permission — checked by the service itself, not only by its views."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.errors import CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import CaseEvent, CaseType, Violation
from cases.services import transition, violation_set_status
from tests.factories import CHECKLIST, RoleFactory, UserFactory, ViolationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def violation(case):
    return ViolationFactory(case=case)


@pytest.fixture
def observer(case_config):
    """Works on test cases in Baghdad (a staff role of the type) but may not change violations."""
    RoleFactory(key="observer", permissions=["cases.view_case"])
    CaseType.objects.filter(key="test_case").update(staff_roles="labour_inspector,supervisor,observer")
    return UserFactory(roles=["observer"], governorates=["IQ-BG"])


def _unchanged(violation):
    row = Violation.objects.get(pk=violation.pk)
    return row.status, row.resolved_at, CaseEvent.objects.filter(kind=CaseEvent.Kind.VIOLATION).count()


# --- from a checklist ---


def test_each_non_compliant_checklist_answer_becomes_a_violation(case, supervisor, inspector):
    transition(case, "assign", supervisor, assignee=inspector)
    transition(case, "visit", inspector, data=CHECKLIST)
    found = {v.item_key: v for v in Violation.objects.filter(case=case)}
    assert set(found) == {"written_contracts", "records_kept"}, "the compliant item is no violation"
    contracts = found["written_contracts"]
    assert contracts.provision.key == "iq-ll-2015-test-article" and contracts.severity == "high"
    assert contracts.note == CHECKLIST["written_contracts"]["note"]
    assert contracts.deadline == timezone.localdate() + timedelta(days=30)
    assert found["records_kept"].deadline == timezone.localdate() + timedelta(days=14)


def test_each_violation_recorded_from_a_checklist_writes_an_event(case, supervisor, inspector):
    transition(case, "assign", supervisor, assignee=inspector)
    transition(case, "visit", inspector, data=CHECKLIST)
    events = case.events.filter(kind=CaseEvent.Kind.VIOLATION)
    assert sorted(e.data["item"] for e in events) == ["records_kept", "written_contracts"]
    assert {e.actor for e in events} == {inspector}


# --- status ---


def test_a_violation_status_is_changed_with_an_event(violation, inspector):
    event = violation_set_status(violation=violation, status="corrected", actor=inspector, note="Seen")
    violation.refresh_from_db()
    assert violation.status == "corrected" and violation.resolved_at is not None
    assert event.kind == CaseEvent.Kind.VIOLATION and event.actor == inspector
    assert event.data == {
        "violation": violation.pk,
        "status": "corrected",
        "from": "open",
        "note": "Seen",
        "verified_in": violation.case.reference,
    }
    assert violation.verified_by == inspector and violation.verified_in == violation.case
    assert violation.verification_note == "Seen" and violation.verified_at is not None


def test_reopening_a_violation_clears_its_resolution_time(violation, inspector):
    violation_set_status(violation=violation, status="corrected", actor=inspector)
    violation_set_status(violation=violation, status="open", actor=inspector)
    violation.refresh_from_db()
    assert violation.status == "open" and violation.resolved_at is None


def test_an_actor_without_the_permission_may_not_change_a_violation_status(violation, observer):
    before = _unchanged(violation)
    with pytest.raises(CaseForbidden):
        violation_set_status(violation=violation, status="corrected", actor=observer)
    assert _unchanged(violation) == before


def test_a_user_outside_the_governorate_is_told_the_violation_s_case_does_not_exist(
    violation, inspector_elsewhere
):
    before = _unchanged(violation)
    with pytest.raises(CaseNotFound):
        violation_set_status(violation=violation, status="corrected", actor=inspector_elsewhere)
    assert _unchanged(violation) == before


def test_an_unknown_violation_status_is_refused(violation, inspector):
    before = _unchanged(violation)
    with pytest.raises(CaseInvalid):
        violation_set_status(violation=violation, status="forgiven", actor=inspector)
    assert _unchanged(violation) == before
