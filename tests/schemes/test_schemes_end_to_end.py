"""Each scheme from intake to closure, using only the shipped configuration (configs/)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, Notification, Violation
from cases.primitives.states import working_time_add
from cases.selectors import case_list_visible_to, public_timeline
from cases.services import (
    case_open,
    case_open_from_parent,
    confidential_values,
    enforcement_issue,
    transition,
)
from tests.schemes.helpers import GRIEVANCE, INCIDENT, INVESTIGATION_FINDINGS, case_type, checklist_answers


@pytest.mark.django_db
def test_grievance_from_complaint_to_closure_with_an_inspection_and_an_appeal(people, factory):
    opened = case_open(
        case_type=case_type("grievance"), data={**GRIEVANCE, "employer": {"id": factory.pk}}, language="ar"
    )
    case = opened.case
    assert case.reference.startswith("GRV-") and opened.tracking_code and not case.restricted
    assert "full_name" not in case.data and case.establishment == factory
    transition(case, "acknowledge", people["grm_bg"])
    ack = Notification.objects.get(case=case)
    assert ack.language == "ar" and case.reference in ack.body
    transition(case, "accept", people["grm_bg"], data={"open_inspection": True, "inspection_kind": "labour"})
    inspection = Case.objects.get(parent=case)
    assert (
        inspection.case_type.key == "labour_inspection"
        and confidential_values(inspection)["origin"] == "complaint"
    )
    assert inspection.establishment == factory and "full_name" not in str(inspection.data)
    transition(
        case,
        "propose_resolution",
        people["grm_bg"],
        data={"resolution_summary": "Wages paid after the inspection.", "remedy_obtained": True},
    )
    transition(case, "close", people["grm_bg"], data={"outcome": "resolved"})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "resolved" and case.closed_at
    assert [i["state"] for i in public_timeline(case, "en")] == [
        "received",
        "acknowledged",
        "investigation",
        "resolution",
        "closed",
    ]
    appeal = case_open_from_parent(
        case_type=case_type("appeal"),
        parent=case,
        language="ar",
        data={
            "grievance_reference": case.reference,
            "reason": "The employer paid only part of the wages owed.",
        },
    )
    assert appeal.case.reference.startswith("APL-") and appeal.case.parent == case
    transition(appeal.case, "start_review", people["supervisor_bg"])
    transition(
        appeal.case,
        "decide",
        people["supervisor_bg"],
        data={"decision": "upheld", "reasoning": "The remaining wages must be paid within 15 days."},
    )
    appeal.case.refresh_from_db()
    assert appeal.case.state == "decided" and appeal.case.outcome == "upheld"


@pytest.mark.django_db
def test_grievance_screened_out_with_a_reason(people):
    case = case_open(case_type=case_type("grievance"), data=GRIEVANCE, language="en").case
    transition(case, "acknowledge", people["grm_bg"])
    transition(
        case,
        "refer",
        people["grm_bg"],
        data={"reason": "A matter for the social security fund.", "referred_to": "Social Security Fund"},
    )
    case.refresh_from_db()
    assert case.state == "referred" and case.outcome == "referred" and case.closed_at


@pytest.mark.django_db
def test_sensitive_grievance_is_restricted_faster_and_never_named(people):
    case = case_open(
        case_type=case_type("grievance"), data={**GRIEVANCE, "category": "harassment_sexual"}, language="en"
    ).case
    assert case.restricted and case.priority == "high"
    # 24 working hours by the case type's working calendar (weekends and holidays do not count)
    week = case.case_type.calendar.work_week()
    assert abs(case.due_at - working_time_add(case.opened_at, 24, week)) <= timedelta(seconds=5)
    assert case not in case_list_visible_to(user=people["grm_bg"])
    assert case in case_list_visible_to(user=people["grm_sensitive_bg"])
    assert case in case_list_visible_to(user=people["sensitive_supervisor_bg"])
    assert case not in case_list_visible_to(user=people["supervisor_bg"])
    transition(case, "acknowledge", people["grm_sensitive_bg"])
    ack = Notification.objects.get(case=case)
    for word in ("harass", "sexual", "تحرش"):
        assert word not in (ack.subject + ack.body).lower()


@pytest.mark.django_db
def test_fatal_incident_with_two_injured_opens_an_investigation(people):
    opened = case_open(case_type=case_type("incident_report"), data=INCIDENT, language="en")
    case = opened.case
    assert case.reference.startswith("INC-") and case.priority == "urgent"
    assert len(case.data["injured"]) == 2 and "reporter_name" not in case.data
    investigation = Case.objects.get(parent=case)
    assert (
        investigation.case_type.key == "osh_inspection"
        and confidential_values(investigation)["origin"] == "accident"
    )
    assert Notification.objects.filter(case=case).count() == 1, "acknowledged on receipt"
    transition(case, "start_review", people["osh_bg"])
    transition(
        case,
        "close",
        people["osh_bg"],
        data={
            "assessment": "confirmed_work_related",
            "confirmed_severity": "fatal",
            **INVESTIGATION_FINDINGS,
        },
    )
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "confirmed_work_related"
    minor = case_open(
        case_type=case_type("incident_report"),
        language="en",
        data={
            **INCIDENT,
            "severity": "minor",
            "injured": [{**INCIDENT["injured"][1], "injury_severity": "minor"}],
        },
    )
    assert not Case.objects.filter(parent=minor.case).exists()


@pytest.mark.parametrize(
    ("key", "inspector", "checklist"),
    [
        ("labour_inspection", "labour_bg", "labour_inspection_checklist"),
        ("osh_inspection", "osh_bg", "osh_inspection_checklist"),
    ],
)
@pytest.mark.django_db
def test_inspection_from_plan_to_closure(people, factory, key, inspector, checklist):
    plan = {
        "establishment": {"id": factory.pk},
        "governorate": "IQ-BG",
        "origin": "planned",
        "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    case = case_open(
        case_type=case_type(key),
        data=plan,
        language="ar",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    transition(case, "assign", people["supervisor_bg"])
    case.refresh_from_db()
    assert case.assignee == people[inspector]
    transition(
        case,
        "schedule_visit",
        people[inspector],
        data={"visit_date": (timezone.localdate() + timedelta(days=3)).isoformat()},
    )
    transition(case, "record_visit", people[inspector], data=checklist_answers(checklist, non_compliant=2))
    violations = Violation.objects.filter(case=case)
    assert violations.count() == 2 and all(v.provision_id for v in violations)
    transition(case, "issue_notice", people["supervisor_bg"], comment="Improvement notice, 30 days.")
    enforcement_issue(
        case=case, kind="improvement_notice", actor=people["supervisor_bg"], violations=violations
    )
    transition(case, "request_follow_up", people["supervisor_bg"])
    follow_up = Case.objects.get(parent=case)
    assert follow_up.case_type.key == key and confidential_values(follow_up)["origin"] == "follow_up"
    transition(case, "close", people["supervisor_bg"], data={"outcome": "enforcement_continuing"})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "enforcement_continuing"
