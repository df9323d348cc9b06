"""The exception paths of the shipped inspection and grievance workflows, end to end: a visit not carried
out and rescheduled, a workplace moved or closed, an inspection cancelled or referred, a case reopened by a
supervisor, a complaint withdrawn, information asked of the complainant and answered through tracking."""

from collections import deque
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases.audit import verify_case, verify_case_fields
from cases.errors import CaseConflict, CaseForbidden, CaseInvalid, CaseNotFound, CaseThrottled
from cases.models import Case, Notification, Workflow
from cases.selectors import transitions_available
from cases.services import case_assign, case_open, public_step, transition
from cases.tracking import tracking_result
from tests.schemes.helpers import GRIEVANCE, case_type, checklist_answers

INSPECTIONS = [
    ("labour_inspection", "labour_bg", "labour_inspection_checklist"),
    ("osh_inspection", "osh_bg", "osh_inspection_checklist"),
]


def _state(case) -> str:
    return Case.objects.get(pk=case.pk).state


def _in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _scheduled(people, factory, key, inspector) -> Case:
    plan = {
        "establishment": {"id": factory.pk},
        "governorate": "IQ-BG",
        "origin": "planned",
        "planned_date": _in_days(7),
    }
    case = case_open(
        case_type=case_type(key), data=plan, language="ar", actor=people["supervisor_bg"], channel="staff"
    ).case
    transition(case, "assign", people["supervisor_bg"])
    transition(case, "schedule_visit", people[inspector], data={"visit_date": _in_days(3)})
    return Case.objects.get(pk=case.pk)


def _grievance_investigated(people):
    opened = case_open(case_type=case_type("grievance"), data=GRIEVANCE, language="en")
    transition(opened.case, "acknowledge", people["grm_bg"])
    transition(opened.case, "accept", people["grm_bg"], data={"open_inspection": False})
    case_assign(case=opened.case, assignee=people["grm_bg"], actor=people["supervisor_bg"])
    return Case.objects.get(pk=opened.case.pk), opened.tracking_code


# --- every state has a way onward ---------------------------------------------------------------------


@pytest.mark.django_db
def test_every_state_of_the_shipped_workflows_has_a_way_onward_or_is_terminal(shipped):
    keys = {"labour_inspection_flow", "osh_inspection_flow", "grievance_flow"}
    workflows = Workflow.objects.prefetch_related("states", "transitions")
    assert keys <= {w.key for w in workflows}
    for workflow in workflows:
        states = {s.key: s for s in workflow.states.all()}
        edges: dict[str, set[str]] = {}
        for step in workflow.transitions.all():
            for source in step.from_state_keys:
                if step.to_state != source:
                    edges.setdefault(source, set()).add(step.to_state)
        for key, state in states.items():
            if not state.is_terminal:
                assert edges.get(key), f"{workflow.key}: no way out of {key}"
        reached, queue = {workflow.initial_state().key}, deque([workflow.initial_state().key])
        while queue:
            for target in edges.get(queue.popleft(), ()):
                if target not in reached:
                    reached.add(target)
                    queue.append(target)
        unreached = {k for k, s in states.items() if s.is_terminal} - reached
        assert not unreached, f"{workflow.key}: terminal states never reached: {unreached}"


# --- inspections -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_employer_absent_then_rescheduled_then_visited(people, factory, key, inspector, checklist):
    case = _scheduled(people, factory, key, inspector)
    transition(
        case,
        "record_visit_not_carried_out",
        people[inspector],
        data={
            "not_carried_out_reason": "employer_absent",
            "attempted_on": _in_days(0),
            "attempt_notes": "Nobody in charge on site; a notice of the visit was left.",
        },
    )
    case.refresh_from_db()
    assert case.state == "not_carried_out" and case.assignee == people[inspector]
    with pytest.raises(CaseInvalid):  # the reason is required
        transition(case, "reschedule_visit", people[inspector], data={"visit_date": _in_days(5)})
    assert _state(case) == "not_carried_out"
    transition(
        case,
        "reschedule_visit",
        people[inspector],
        data={"visit_date": _in_days(5), "reschedule_reason": "The employer was absent at the first visit."},
    )
    case.refresh_from_db()
    assert case.state == "scheduled" and case.due_at > timezone.now() + timedelta(days=13)
    transition(case, "record_visit", people[inspector], data=checklist_answers(checklist, non_compliant=1))
    assert _state(case) == "visited"


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_a_visit_rescheduled_before_it_happens_gets_a_new_due_time(
    people, factory, key, inspector, checklist
):
    case = _scheduled(people, factory, key, inspector)
    later = timezone.now() + timedelta(days=2)
    with time_machine.travel(later):
        transition(
            case,
            "reschedule_visit",
            people[inspector],
            data={"visit_date": _in_days(9), "reschedule_reason": "The employer asked for another day."},
        )
    case.refresh_from_db()
    assert case.state == "scheduled" and case.state_entered_at >= later - timedelta(minutes=1)


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_workplace_moved_is_planned_again_and_a_closed_one_closes(people, factory, key, inspector, checklist):
    moved = _scheduled(people, factory, key, inspector)
    transition(
        moved,
        "record_visit_not_carried_out",
        people[inspector],
        data={
            "not_carried_out_reason": "workplace_moved",
            "attempted_on": _in_days(0),
            "new_address": "Industrial zone, street 14",
            "attempt_notes": "The neighbours say the factory moved last month.",
        },
    )
    with pytest.raises(CaseForbidden):  # only a supervisor plans again
        transition(moved, "replan", people[inspector], comment="New address known.")
    transition(moved, "replan", people["supervisor_bg"], comment="Plan a visit at the new address.")
    assert _state(moved) == "planned"

    closed = _scheduled(people, factory, key, inspector)
    transition(
        closed,
        "record_visit_not_carried_out",
        people[inspector],
        data={
            "not_carried_out_reason": "workplace_closed",
            "attempted_on": _in_days(0),
            "attempt_notes": "Shuttered; the landlord says the business stopped.",
        },
    )
    transition(closed, "close", people["supervisor_bg"], data={"outcome": "establishment_closed"})
    closed.refresh_from_db()
    assert closed.state == "closed" and closed.outcome == "establishment_closed" and closed.closed_at


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_cancelled_only_with_a_reason_and_by_a_supervisor(people, factory, key, inspector, checklist):
    case = _scheduled(people, factory, key, inspector)
    with pytest.raises(CaseInvalid):
        transition(case, "cancel", people["supervisor_bg"])
    with pytest.raises(CaseForbidden):
        transition(case, "cancel", people[inspector], comment="Not needed.")
    case.refresh_from_db()
    assert case.state == "scheduled" and not case.outcome and case.closed_at is None
    transition(case, "cancel", people["supervisor_bg"], comment="Duplicate of an inspection already done.")
    case.refresh_from_db()
    assert case.state == "cancelled" and case.outcome == "cancelled" and case.closed_at
    with pytest.raises(CaseConflict):  # a cancelled inspection stays cancelled
        transition(case, "reopen", people["supervisor_bg"], comment="Again.")


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_referred_to_another_authority(people, factory, key, inspector, checklist):
    case = _scheduled(people, factory, key, inspector)
    with pytest.raises(CaseInvalid):
        transition(case, "refer", people["supervisor_bg"], data={"referred_to": "Nuclear regulator"})
    assert _state(case) == "scheduled"
    transition(
        case,
        "refer",
        people["supervisor_bg"],
        data={
            "referred_to": "Radiation protection centre",
            "referral_reason": "Radioactive sources on site.",
        },
    )
    case.refresh_from_db()
    assert case.state == "referred" and case.outcome == "referred" and case.closed_at


@pytest.mark.parametrize(("key", "inspector", "checklist"), INSPECTIONS)
@pytest.mark.django_db
def test_supervisor_reopens_a_closed_inspection_with_a_reason(people, factory, key, inspector, checklist):
    case = _scheduled(people, factory, key, inspector)
    transition(case, "record_visit", people[inspector], data=checklist_answers(checklist, non_compliant=0))
    transition(case, "close", people["supervisor_bg"], data={"outcome": "compliant"})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "compliant"
    with pytest.raises(CaseForbidden):
        transition(case, "reopen", people[inspector], comment="I missed something.")
    with pytest.raises(CaseInvalid):
        transition(case, "reopen", people["supervisor_bg"])
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "compliant" and case.closed_at
    transition(case, "reopen", people["supervisor_bg"], comment="A worker reported hidden overtime.")
    case.refresh_from_db()
    assert case.state == "visited" and not case.outcome and case.closed_at is None
    cleared = case.events.filter(kind="updated").last()
    assert cleared.data == {"outcome": "", "previous_outcome": "compliant"}
    assert verify_case(case) == [] and verify_case_fields(case) == []
    call_command("verify_audit")  # raises on a problem
    transition(case, "close", people["supervisor_bg"], data={"outcome": "corrected_on_site"})
    case.refresh_from_db()
    assert case.outcome == "corrected_on_site" and verify_case_fields(case) == []


# --- grievances -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_information_requested_then_answered_by_the_complainant(people):
    case, code = _grievance_investigated(people)
    with pytest.raises(CaseInvalid):  # the question is required
        transition(case, "request_information", people["grm_bg"])
    assert _state(case) == "investigation"
    transition(case, "request_information", people["grm_bg"], comment="Which months were not paid?")
    assert _state(case) == "information_requested"
    assert Notification.objects.filter(case=case, recipient_user=None).exists(), "the complainant is told"
    shown = tracking_result(case=Case.objects.get(pk=case.pk), language="en")["reporter"]
    assert shown["question"] == "Which months were not paid?"
    assert {s["key"] for s in shown["steps"]} == {"answer_information_request", "withdraw"}
    # Staff cannot type the complainant's answer, not even a superuser.
    assert "answer_information_request" not in {
        t.key for t in transitions_available(case=case, user=people["grm_bg"])
    }
    with pytest.raises(CaseForbidden):
        transition(case, "answer_information_request", people["grm_bg"], comment="January to March.")
    assert _state(case) == "information_requested"

    public_step(
        reference=case.reference,
        code=code,
        address="10.0.0.1",
        key="answer_information_request",
        text="January, February and March.",
    )
    case.refresh_from_db()
    assert case.state == "investigation"
    answer = case.events.filter(kind="transition").last()
    assert answer.actor is None and answer.data["by"] == "reporter" and answer.public
    assert answer.data["comment"] == "January, February and March."
    assert Notification.objects.filter(case=case, recipient_user=people["grm_bg"]).exists(), "staff told"
    shown = tracking_result(case=case, language="en")["reporter"]
    assert shown["question"] == "" and [m["from_reporter"] for m in shown["messages"]] == [False, True]
    assert verify_case(case) == [] and verify_case_fields(case) == []


@pytest.mark.django_db
def test_information_request_left_unanswered_can_be_continued(people):
    case, _code = _grievance_investigated(people)
    transition(case, "request_information", people["grm_bg"], comment="Do you have payslips?")
    transition(case, "resume_investigation", people["grm_bg"], comment="Answer given by phone: no payslips.")
    assert _state(case) == "investigation"


@pytest.mark.django_db
def test_public_steps_are_refused_cleanly_and_change_nothing(people, settings):
    case, code = _grievance_investigated(people)
    count = case.event_count

    def attempt(**kwargs):
        values = {
            "reference": case.reference,
            "code": code,
            "address": "10.0.0.2",
            "key": "withdraw",
            "text": "x",
        }
        public_step(**{**values, **kwargs})

    with pytest.raises(CaseNotFound):
        attempt(code="AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(CaseConflict):  # not waiting for an answer
        attempt(key="answer_information_request")
    with pytest.raises(CaseInvalid):  # a staff step
        attempt(key="propose_resolution")
    with pytest.raises(CaseInvalid):  # a reason is required
        attempt(text="  ")
    case.refresh_from_db()
    assert case.state == "investigation" and case.event_count == count
    settings.ECMS_PUBLIC_STEP_LIMITS = {"limit": 0, "window": 3600}
    with pytest.raises(CaseThrottled):
        attempt(address="10.0.0.3")
    assert _state(case) == "investigation"


@pytest.mark.django_db
def test_complaint_withdrawn_by_staff_on_the_complainants_behalf(people):
    case, _code = _grievance_investigated(people)
    with pytest.raises(CaseInvalid):
        transition(case, "withdraw", people["grm_bg"])
    transition(case, "withdraw", people["grm_bg"], comment="The complainant phoned: the wages were paid.")
    case.refresh_from_db()
    assert case.state == "withdrawn" and case.outcome == "withdrawn" and case.closed_at
    withdrawal = case.events.filter(kind="transition").last()
    assert withdrawal.actor == people["grm_bg"] and "by" not in withdrawal.data


@pytest.mark.django_db
def test_supervisor_reopens_a_closed_complaint(people):
    case, _code = _grievance_investigated(people)
    transition(
        case,
        "propose_resolution",
        people["grm_bg"],
        data={"resolution_summary": "Wages paid.", "remedy_obtained": True},
    )
    transition(case, "close", people["grm_bg"], data={"outcome": "resolved"})
    with pytest.raises(CaseForbidden):
        transition(case, "reopen", people["grm_bg"], comment="Not paid after all.")
    assert _state(case) == "closed"
    transition(case, "reopen", people["supervisor_bg"], comment="The employer stopped paying again.")
    case.refresh_from_db()
    assert case.state == "investigation" and not case.outcome and case.closed_at is None
    assert verify_case_fields(case) == []
