"""``transition``: one rule per test — scope, role, the assignee's hold on a case, due times, closure
dates, the timeline event, and nothing written when a step is refused."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound
from cases.models import CaseEvent
from cases.selectors import case_get_by_reference
from cases.services import case_assign, sla_sweep, transition
from tests.factories import CHECKLIST, CaseFactory

pytestmark = pytest.mark.django_db


def _visited(case, supervisor, inspector):
    """The case assigned to ``inspector`` and visited (a state with no time limit)."""
    transition(case, "assign", supervisor, assignee=inspector)
    transition(case, "visit", inspector, data=CHECKLIST)
    case.refresh_from_db()
    return case


# --- scope and role ---


def test_a_user_outside_the_governorate_is_told_the_case_does_not_exist(case, supervisor_elsewhere, snapshot):
    before = snapshot(case)
    with pytest.raises(CaseNotFound) as refused:
        transition(case, "assign", supervisor_elsewhere)
    assert refused.value.code == "not_found", "not 'forbidden': that would reveal the case exists"
    assert case_get_by_reference(user=supervisor_elsewhere, reference=case.reference) is None
    assert case_get_by_reference(user=supervisor_elsewhere, reference="TST-0000-999999") is None
    assert snapshot(case) == before


def test_a_role_not_named_on_the_transition_is_refused(case, inspector, snapshot):
    before = snapshot(case)
    with pytest.raises(CaseForbidden):
        transition(case, "assign", inspector)  # "assign" is for supervisors
    assert snapshot(case) == before


def test_on_an_assigned_case_a_colleague_of_the_assignee_may_not_act(
    case, supervisor, inspector, colleague, snapshot
):
    transition(case, "assign", supervisor, assignee=inspector)
    before = snapshot(case)
    with pytest.raises(CaseForbidden):
        transition(case, "visit", colleague, data=CHECKLIST)
    assert snapshot(case) == before


def test_a_step_from_another_state_is_refused_and_writes_nothing(case, supervisor, snapshot):
    before = snapshot(case)
    with pytest.raises(CaseConflict) as refused:
        transition(case, "close", supervisor, data={"outcome": "resolved"})
    assert refused.value.code == "wrong_state"
    assert snapshot(case) == before


def test_a_step_needing_a_comment_is_refused_without_one(case, supervisor, inspector, snapshot):
    _visited(case, supervisor, inspector)
    before = snapshot(case)
    with pytest.raises(CaseInvalid) as refused:
        transition(case, "enforce", supervisor, comment="  ")
    assert refused.value.code == "comment_required"
    assert snapshot(case) == before


# --- due times ---


def test_a_transition_resets_the_due_time_for_the_new_state(case_config, supervisor, inspector):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        case = CaseFactory()
        assert case.due_at == timezone.now() + timedelta(hours=48)
        clock.shift(timedelta(hours=5))
        transition(case, "assign", supervisor, assignee=inspector)
        case.refresh_from_db()
        assert case.due_at == timezone.now() + timedelta(hours=240), "the time allowed in 'assigned'"


def test_entering_a_state_without_a_time_limit_clears_the_due_time(case, supervisor, inspector):
    assert _visited(case, supervisor, inspector).due_at is None


def test_a_transition_clears_the_overdue_notice(case, supervisor, inspector):
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert sla_sweep() == 1
        case.refresh_from_db()
        assert case.overdue_notified_at is not None
        transition(case, "assign", supervisor, assignee=inspector)
    case.refresh_from_db()
    assert case.overdue_notified_at is None, "the new state's deadline is reported afresh"


# --- closure dates ---


def test_entering_a_final_state_sets_closed_at(open_followup, supervisor):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        case = open_followup(supervisor)
        assert case.closed_at is None
        clock.shift(timedelta(hours=3))
        transition(case, "decide", supervisor)
        case.refresh_from_db()
        assert case.closed_at == timezone.now()


def test_leaving_a_final_state_clears_closed_at(open_followup, reopenable, supervisor):
    case = open_followup(supervisor)
    transition(case, "decide", supervisor)
    transition(case, "reopen", supervisor)
    case.refresh_from_db()
    assert case.state == "open"
    assert case.closed_at is None and not case.is_closed


def test_leaving_a_final_state_gives_the_case_the_due_time_of_the_state_it_enters(
    open_followup, reopenable, supervisor
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        case = open_followup(supervisor)
        transition(case, "decide", supervisor)
        clock.shift(timedelta(days=2))
        transition(case, "reopen", supervisor)
        case.refresh_from_db()
        assert case.due_at == timezone.now() + timedelta(hours=24)


# --- the timeline ---


def test_a_transition_writes_one_event_naming_the_step_and_both_states(case, supervisor, inspector):
    count = case.events.count()
    result = transition(case, "assign", supervisor, assignee=inspector)
    moved = case.events.filter(kind=CaseEvent.Kind.TRANSITION)
    assert list(moved) == [result.event]
    assert result.event.actor == supervisor and result.event.public is True
    assert {k: result.event.data[k] for k in ("transition", "from", "to")} == {
        "transition": "assign",
        "from": "received",
        "to": "assigned",
    }
    assert case.events.count() > count


def test_a_non_public_step_writes_a_non_public_event(case, supervisor, inspector):
    _visited(case, supervisor, inspector)
    event = transition(case, "enforce", supervisor, comment="A warning first.").event
    assert event.public is False and event.data["comment"] == "A warning first."


def test_a_step_rolled_back_by_its_own_rule_writes_nothing(case, supervisor, inspector, snapshot):
    """'assigned' needs an assignee once the step's actions have run: with nobody to assign, the step,
    its event and the actions' writes are all undone."""
    state = case.case_type.workflow.state("assigned")
    state.requires_assignee = True
    state.save()
    inspector.is_active = False  # nobody left for assign_by_rule
    inspector.save()
    before = snapshot(case)
    with pytest.raises(CaseConflict) as refused:
        transition(case, "assign", supervisor)
    assert refused.value.code == "assignee_required"
    assert snapshot(case) == before


def test_the_assignee_chosen_with_the_step_is_kept_by_the_assignment_rule(
    case, supervisor, inspector, colleague
):
    busy = CaseFactory()
    case_assign(case=busy, assignee=inspector, actor=supervisor)  # left alone, the rule picks colleague
    transition(case, "assign", supervisor, assignee=inspector)
    case.refresh_from_db()
    assert case.assignee == inspector
