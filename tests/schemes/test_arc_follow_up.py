"""The inspectorate's loop on the shipped configuration: complaint → inspection → violation → notice →
follow-up visit that verifies the violation → the parent closes "corrected after notice"; and the refusals
(closing "corrected" with a violation open, bad verification answers, impossible status changes), each
leaving the state unchanged. Steps go through the services, the staff screens and the API."""

import io
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from cases.errors import CaseConflict, CaseInvalid
from cases.models import Case, CaseEvent, Violation
from cases.services import case_open, enforcement_issue, transition, violation_set_status
from registry.models import Establishment, Governorate
from tests.factories import in_english
from tests.schemes.helpers import GRIEVANCE, case_type, checklist_answers
from tests.staff.conftest import wizard_post_data

pytestmark = pytest.mark.django_db
CHECKLIST = "labour_inspection_checklist"


def days_ahead(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def photo(name="after.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def visit(case, people, non_compliant=1, **kwargs):
    transition(case, "assign", people["supervisor_bg"])
    transition(case, "schedule_visit", people["labour_bg"], data={"visit_date": days_ahead(3)})
    answers = checklist_answers(CHECKLIST, non_compliant=non_compliant)
    transition(case, "record_visit", people["labour_bg"], data=answers, **kwargs)


def inspection_with_notice_and_follow_up(people, factory):
    """A complaint that leads to an inspection finding one violation, a notice, and a follow-up visit."""
    complaint = case_open(
        case_type=case_type("grievance"), data={**GRIEVANCE, "employer": {"id": factory.pk}}, language="ar"
    ).case
    transition(complaint, "acknowledge", people["grm_bg"])
    transition(
        complaint, "accept", people["grm_bg"], data={"open_inspection": True, "inspection_kind": "labour"}
    )
    inspection = Case.objects.get(parent=complaint)
    visit(inspection, people)
    violation = Violation.objects.get(case=inspection)
    transition(inspection, "issue_notice", people["supervisor_bg"], comment="Improvement notice, 30 days.")
    enforcement_issue(
        case=inspection, kind="improvement_notice", actor=people["supervisor_bg"], violations=[violation]
    )
    transition(inspection, "request_follow_up", people["supervisor_bg"])
    follow_up = Case.objects.get(parent=inspection)
    assert follow_up.establishment == factory
    transition(follow_up, "assign", people["supervisor_bg"])
    transition(follow_up, "schedule_visit", people["labour_bg"], data={"visit_date": days_ahead(3)})
    inspection.refresh_from_db()
    return inspection, follow_up, violation


def snapshot(case, violation):
    case = Case.objects.get(pk=case.pk)
    row = Violation.objects.get(pk=violation.pk)
    return case.state, case.outcome, case.event_count, row.status, row.verified_in_id


def test_follow_up_verifies_the_violation_through_the_api_and_the_parent_closes_corrected(
    client, people, factory
):
    inspection, follow_up, violation = inspection_with_notice_and_follow_up(people, factory)
    before = snapshot(inspection, violation)
    with pytest.raises(CaseConflict) as refused:
        transition(inspection, "close", people["supervisor_bg"], data={"outcome": "corrected_after_notice"})
    assert "Not yet" in refused.value.message or refused.value.code == "action_failed"
    assert snapshot(inspection, violation) == before, "the refused close changed nothing"

    client.force_login(people["labour_bg"])
    listed = client.get(f"/api/v1/cases/{follow_up.reference}/violations/to-verify/").json()
    assert [item["id"] for item in listed] == [violation.pk] and listed[0]["case"] == inspection.reference
    body = {
        "transition": "record_visit",
        "data": checklist_answers(CHECKLIST, non_compliant=0),
        "verifications": [{"violation": violation.pk, "outcome": "corrected", "note": "Contracts signed."}],
    }
    response = client.post(
        f"/api/v1/cases/{follow_up.reference}/transitions/",
        {"payload": json.dumps(body), f"violations.{violation.pk}": photo()},
    )
    assert response.status_code == 200, response.content
    violation.refresh_from_db()
    assert violation.status == "corrected" and violation.verified_in == follow_up
    assert violation.verified_by == people["labour_bg"] and violation.verified_at is not None
    assert violation.verification_note == "Contracts signed."
    evidence = list(violation.evidence.all())
    assert len(evidence) == 1 and evidence[0].case == follow_up
    on_parent = inspection.events.filter(kind=CaseEvent.Kind.VIOLATION).last()
    on_visit = follow_up.events.filter(kind=CaseEvent.Kind.VIOLATION).last()
    assert on_parent.data["status"] == "corrected" and on_parent.data["verified_in"] == follow_up.reference
    assert on_visit.data["case"] == inspection.reference

    transition(inspection, "close", people["supervisor_bg"], data={"outcome": "corrected_after_notice"})
    inspection.refresh_from_db()
    assert inspection.state == "closed" and inspection.outcome == "corrected_after_notice"


def test_follow_up_visit_on_the_staff_screen_starts_with_the_open_violations(client, people, factory):
    inspection, follow_up, violation = inspection_with_notice_and_follow_up(people, factory)
    inspector = in_english(people["labour_bg"])
    client.force_login(inspector)
    url = reverse("ecms_cases:transition", args=[follow_up.reference, "record_visit"])
    with translation.override("en"):
        first = client.get(url).content.decode()
    assert "Outstanding violations of the establishment" in first and inspection.reference in first
    assert f"verify_violations-v{violation.pk}_outcome" in first

    from forms_builder.selectors import form_version_current

    version = form_version_current(key=CHECKLIST)
    prefix = f"case_{follow_up.pk}_record_visit_v{version.number}"
    step = {
        f"{prefix}-current_step": "verify_violations",
        f"verify_violations-v{violation.pk}_outcome": "not_corrected",
        f"verify_violations-v{violation.pk}_note": "Still no written contracts.",
    }
    response = client.post(url, step)
    assert response.status_code == 200 and 'id="error-summary"' not in response.content.decode()
    answers = checklist_answers(CHECKLIST, non_compliant=0)
    for section in version.ui["steps"]:
        response = client.post(url, wizard_post_data(version, prefix, section["key"], answers))
        assert response.status_code == 200 and 'id="error-summary"' not in response.content.decode()
    response = client.post(url, {f"{prefix}-current_step": "review", "review-comment": ""})
    assert response.status_code == 302, response.content[:800]
    violation.refresh_from_db()
    follow_up.refresh_from_db()
    assert follow_up.state == "visited" and violation.status == "not_corrected"
    assert violation.verified_in is None

    before = snapshot(inspection, violation)
    with pytest.raises(CaseConflict):
        transition(inspection, "close", people["supervisor_bg"], data={"outcome": "corrected_after_notice"})
    assert snapshot(inspection, violation) == before
    transition(inspection, "close", people["supervisor_bg"], data={"outcome": "enforcement_continuing"})
    inspection.refresh_from_db()
    assert inspection.state == "closed" and inspection.outcome == "enforcement_continuing"


def test_bad_verification_answers_are_refused_with_field_errors_and_nothing_changes(client, people, factory):
    inspection, follow_up, violation = inspection_with_notice_and_follow_up(people, factory)
    elsewhere = Establishment.objects.create(
        name="Karkh Bakery", governorate=Governorate.objects.get(code="IQ-BG"), registration_number="BG-2002"
    )
    other = case_open(
        case_type=case_type("labour_inspection"),
        data={
            "establishment": {"id": elsewhere.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": days_ahead(7),
        },
        language="en",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    visit(other, people)
    foreign = Violation.objects.get(case=other)
    client.force_login(people["labour_bg"])
    before = snapshot(follow_up, violation), Violation.objects.get(pk=foreign.pk).status
    body = {
        "transition": "record_visit",
        "data": checklist_answers(CHECKLIST, non_compliant=0),
        "verifications": [
            {"violation": violation.pk, "outcome": "fixed"},
            {"violation": foreign.pk, "outcome": "corrected"},
            {"violation": 999999, "outcome": "corrected"},
        ],
    }
    response = client.post(
        f"/api/v1/cases/{follow_up.reference}/transitions/", body, content_type="application/json"
    )
    assert response.status_code == 400
    fields = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert fields == {
        ("verifications.0.outcome", "invalid_choice"),
        ("verifications.1.violation", "unknown_violation"),
        ("verifications.2.violation", "unknown_violation"),
    }
    assert (snapshot(follow_up, violation), Violation.objects.get(pk=foreign.pk).status) == before

    body = {"transition": "schedule_visit", "data": {}, "verifications": [{"violation": violation.pk}]}
    response = client.post(
        f"/api/v1/cases/{other.reference}/transitions/", body, content_type="application/json"
    )
    assert response.status_code in (400, 409)


def test_a_later_planned_inspection_at_the_establishment_verifies_too(people, factory):
    first = case_open(
        case_type=case_type("osh_inspection"),
        data={
            "establishment": {"id": factory.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": days_ahead(7),
        },
        language="en",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    transition(first, "assign", people["supervisor_bg"])
    transition(first, "schedule_visit", people["osh_bg"], data={"visit_date": days_ahead(3)})
    transition(
        first,
        "record_visit",
        people["osh_bg"],
        data=checklist_answers("osh_inspection_checklist", non_compliant=1),
    )
    violation = Violation.objects.get(case=first)
    later = case_open(
        case_type=case_type("osh_inspection"),
        data={
            "establishment": {"id": factory.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": days_ahead(30),
        },
        language="en",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    transition(later, "assign", people["supervisor_bg"])
    transition(later, "schedule_visit", people["osh_bg"], data={"visit_date": days_ahead(20)})
    transition(
        later,
        "record_visit",
        people["osh_bg"],
        data=checklist_answers("osh_inspection_checklist", non_compliant=0),
        verifications=[{"violation": violation.pk, "outcome": "not_verifiable", "note": "Area locked."}],
    )
    violation.refresh_from_db()
    assert violation.status == "open", "not verifiable leaves it open"
    noted = first.events.filter(kind=CaseEvent.Kind.VIOLATION).last()
    assert noted.data["outcome"] == "not_verifiable" and noted.data["visit"] == later.reference


def test_impossible_status_changes_are_refused_and_change_nothing(client, people, factory):
    inspection = case_open(
        case_type=case_type("labour_inspection"),
        data={
            "establishment": {"id": factory.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": days_ahead(7),
        },
        language="en",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    visit(inspection, people)
    violation = Violation.objects.get(case=inspection)
    supervisor = in_english(people["supervisor_bg"])
    client.force_login(supervisor)
    url = reverse("ecms_cases:violation_status", args=[inspection.reference, violation.pk])
    before = snapshot(inspection, violation)
    client.post(url, {"status": "withdrawn", "note": "", "reason": ""})
    assert snapshot(inspection, violation) == before, "no withdrawal without a reason"
    client.post(url, {"status": "withdrawn", "reason": "Recorded against the wrong provision."})
    violation.refresh_from_db()
    assert violation.status == "withdrawn" and violation.withdrawal_reason.startswith("Recorded")
    before = snapshot(inspection, violation)
    with pytest.raises(CaseConflict):
        violation_set_status(violation=violation, status="corrected", actor=supervisor)
    with pytest.raises(CaseInvalid):
        violation_set_status(violation=violation, status="forgiven", actor=supervisor)
    assert snapshot(inspection, violation) == before


def test_overdue_violations_show_in_a_queue_on_the_case_and_on_the_establishment(client, people, factory):
    inspection = case_open(
        case_type=case_type("labour_inspection"),
        data={
            "establishment": {"id": factory.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": days_ahead(7),
        },
        language="en",
        actor=people["supervisor_bg"],
        channel=Case.Channel.STAFF,
    ).case
    visit(inspection, people, non_compliant=2)
    late, on_time = Violation.objects.filter(case=inspection).order_by("pk")
    Violation.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=2))
    violation_set_status(violation=on_time, status="corrected", actor=people["supervisor_bg"], note="Seen")
    client.force_login(in_english(people["supervisor_bg"]))
    with translation.override("en"):
        queue = client.get(reverse("ecms_cases:queue", args=["violations_overdue"])).content.decode()
        page = client.get(reverse("ecms_cases:detail", args=[inspection.reference])).content.decode()
        panel = client.get(reverse("registry_establishment_modeladmin_inspect", args=[factory.pk]))
    assert inspection.reference in queue
    assert "Overdue" in page and "Verified by" in page
    html = panel.content.decode()
    assert "Violation history" in html and "Overdue" in html and "Corrected" in html
    Case.objects.filter(pk=inspection.pk).update(closed_at=timezone.now())
    with translation.override("en"):
        queue = client.get(reverse("ecms_cases:queue", args=["violations_overdue"])).content.decode()
    assert inspection.reference not in queue, "a work queue: closed cases are followed from the establishment"
    Case.objects.filter(pk=inspection.pk).update(closed_at=None)
    Violation.objects.filter(pk=late.pk).update(deadline=timezone.localdate() + timedelta(days=2))
    with translation.override("en"):
        queue = client.get(reverse("ecms_cases:queue", args=["violations_overdue"])).content.decode()
    assert inspection.reference not in queue
