"""``case_assign`` and ``assignee_by_rule``: who may assign, to whom, and the event each assignment writes."""

import pytest

from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import CaseEvent
from cases.services import assignee_by_rule, case_assign
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_supervisor_assigns_a_case_and_an_event_says_who_to(case, supervisor, inspector):
    event = case_assign(case=case, assignee=inspector, actor=supervisor)
    case.refresh_from_db()
    assert case.assignee == inspector
    assert event.kind == CaseEvent.Kind.ASSIGNMENT and event.actor == supervisor
    assert event.data == {"from": None, "to": inspector.username, "by_rule": False}


def test_an_inspector_may_take_a_case_for_themselves(case, inspector):
    case_assign(case=case, assignee=inspector, actor=inspector)
    case.refresh_from_db()
    assert case.assignee == inspector


def test_an_inspector_may_not_assign_a_case_to_a_colleague(case, inspector, colleague, snapshot):
    before = snapshot(case)
    with pytest.raises(CaseForbidden):
        case_assign(case=case, assignee=colleague, actor=inspector)
    assert snapshot(case) == before


def test_a_supervisor_outside_the_governorate_is_told_the_case_does_not_exist(
    case, supervisor_elsewhere, inspector, snapshot
):
    before = snapshot(case)
    with pytest.raises(CaseNotFound):
        case_assign(case=case, assignee=inspector, actor=supervisor_elsewhere)
    assert snapshot(case) == before


def test_a_case_may_not_be_assigned_to_someone_outside_its_governorate(
    case, supervisor, inspector_elsewhere, snapshot
):
    before = snapshot(case)
    with pytest.raises(CaseInvalid) as refused:
        case_assign(case=case, assignee=inspector_elsewhere, actor=supervisor)
    assert refused.value.code == "invalid_assignee"
    assert snapshot(case) == before


def test_assigning_a_case_to_its_assignee_again_is_refused(case, supervisor, inspector, snapshot):
    case_assign(case=case, assignee=inspector, actor=supervisor)
    before = snapshot(case)
    with pytest.raises(CaseConflict) as refused:
        case_assign(case=case, assignee=inspector, actor=supervisor)
    assert refused.value.code == "unchanged"
    assert snapshot(case) == before


def test_a_case_in_a_state_that_needs_an_assignee_cannot_be_left_with_nobody(
    case, supervisor, inspector, snapshot
):
    case_assign(case=case, assignee=inspector, actor=supervisor)
    state = case.case_type.workflow.state("received")
    state.requires_assignee = True
    state.save()
    before = snapshot(case)
    with pytest.raises(CaseConflict) as refused:
        case_assign(case=case, assignee=None, actor=supervisor)
    assert refused.value.code == "assignee_required"
    assert snapshot(case) == before


def test_the_rule_picks_the_least_busy_holder_of_the_role_in_the_case_s_governorate(
    case, supervisor, inspector, colleague, inspector_elsewhere
):
    busy = CaseFactory()
    case_assign(case=busy, assignee=inspector, actor=supervisor)
    assert assignee_by_rule(case=case, role_key="labour_inspector") == colleague


def test_the_rule_picks_nobody_outside_the_case_s_governorate(case, inspector_elsewhere):
    assert assignee_by_rule(case=case, role_key="labour_inspector") is None


def test_the_rule_skips_inactive_people(case_config):
    case = CaseFactory()
    UserFactory(roles=["labour_inspector"], governorates=["IQ-BG"], is_active=False)
    assert assignee_by_rule(case=case, role_key="labour_inspector") is None
