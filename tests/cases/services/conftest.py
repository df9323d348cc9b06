"""People and cases for the service-level rule tests: the test case types (tests/cases/configs), a Baghdad
case, and staff inside and outside its governorate."""

import pytest

from cases.models import Case, CaseType, WorkflowTransition
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def supervisor(case_config):
    return UserFactory(roles=["supervisor"], governorates=["IQ-BG"], preferred_language="en")


@pytest.fixture
def supervisor_elsewhere(case_config):
    """Holds every role the Baghdad case needs, but works in Basra."""
    return UserFactory(roles=["supervisor"], governorates=["IQ-BA"])


@pytest.fixture
def inspector(case_config):
    return UserFactory(roles=["labour_inspector"], governorates=["IQ-BG"])


@pytest.fixture
def colleague(case_config):
    """A second Baghdad inspector."""
    return UserFactory(roles=["labour_inspector"], governorates=["IQ-BG"])


@pytest.fixture
def inspector_elsewhere(case_config):
    return UserFactory(roles=["labour_inspector"], governorates=["IQ-BA"])


@pytest.fixture
def case(case_config):
    """A Baghdad case of type test_case, just opened from the portal (state "received", 48 hours)."""
    return CaseFactory()


@pytest.fixture
def open_followup(case_config):
    """open_followup(actor) -> a follow-up of a new Baghdad case (its governorate comes from its parent):
    the simple workflow, "open" (24 hours) -> "decided" (final)."""

    def _open(actor):
        return CaseFactory(case_type="test_followup", actor=actor, parent=CaseFactory())

    return _open


@pytest.fixture
def reopenable(case_config):
    """The simple workflow with a way back out of its final state ("decided" -> "open"), as an
    administrator can add one in the admin; the shipped YAML checks refuse it, the engine must cope."""
    WorkflowTransition.objects.create(
        workflow_id=CaseType.objects.get(key="test_followup").workflow_id,
        key="reopen",
        label={"ar": "إعادة فتح", "en": "Reopen"},
        from_states="decided",
        to_state="open",
        allowed_roles="supervisor",
    )


@pytest.fixture
def snapshot():
    """snapshot(case) -> what a refused write must leave as it was: the case row and its timeline."""

    def _snapshot(case):
        row = Case.objects.get(pk=case.pk)
        return {
            "state": row.state,
            "assignee": row.assignee_id,
            "due_at": row.due_at,
            "closed_at": row.closed_at,
            "overdue_notified_at": row.overdue_notified_at,
            "event_count": row.event_count,
            "last_event_hash": row.last_event_hash,
            "events": list(row.events.values_list("pk", flat=True)),
        }

    return _snapshot
