"""Injuries and occupational diseases on the shipped configuration (#15): a disease report opens an
investigation; near misses need no injured person, accidents do; late notification is computed; the
investigation's findings are recorded at the incident's closure."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.errors import CaseInvalid
from cases.models import Case, CaseEvent
from cases.selectors import case_list_visible_to, notification_lateness
from cases.services import confidential_values, transition
from tests.factories import in_english
from tests.schemes.helpers import INCIDENT, INVESTIGATION_FINDINGS

DISEASE = {
    "reporter_type": "physician",
    "reporter_name": "Dr. Huda Salim",
    "reporter_phone": "07712345678",
    "worker_name": "Ahmed Khalil",
    "sex": "male",
    "age": 47,
    "nationality": "iraqi",
    "occupation": "isco_8",
    "job_title": "Sandblaster",
    "employment_status": "permanent",
    "governorate": "IQ-BG",
    "disease": "2.1.1",
    "exposure_agent": "Silica dust",
    "exposure_years": 12,
    "exposure_description": "Sandblasting without respiratory protection in a closed hall for twelve years.",
    "others_exposed": True,
}

NEAR_MISS = {
    key: value for key, value in INCIDENT.items() if key not in ("injured", "severity", "contact_mode")
} | {
    "event_kind": "near_miss",
    "description": "A crane load of steel bars slipped and fell where two workers had stood a minute before.",
}


def _submit(client, form_key, data, language="en"):
    return client.post(
        f"/api/v1/forms/{form_key}/submissions/",
        {"data": data, "language": language},
        content_type="application/json",
        headers={"accept-language": language},
    )


def _errors(response) -> dict:
    return {error["field"]: error["code"] for error in response.json()["errors"]}


def _state(case) -> tuple:
    case.refresh_from_db()
    return case.state, case.closed_at, case.outcome, case.events.count(), case.children.count()


@pytest.mark.django_db
def test_disease_report_from_the_public_opens_an_investigation_in_the_workers_governorate(
    client, people, factory, make_user
):
    response = _submit(client, "disease_report", {**DISEASE, "employer": {"id": factory.pk}})
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.reference.startswith("ODR-") and case.channel == "api" and case.priority == "high"
    assert case.establishment == factory and case.data["disease"] == "2.1.1"
    assert "worker_name" not in case.data and "reporter_name" not in case.data, "names are kept apart"
    assert confidential_values(case)["worker_name"] == "Ahmed Khalil"

    investigation = Case.objects.get(parent=case)
    assert investigation.case_type.key == "osh_inspection" and investigation.channel == "system"
    assert confidential_values(investigation)["origin"] == "occupational_disease"
    assert investigation.establishment == factory and investigation.governorate.code == "IQ-BG"
    assert investigation in case_list_visible_to(user=people["osh_bg"])
    assert case in case_list_visible_to(user=people["osh_bg"])
    osh_basra = make_user("osh_inspector", governorates=("IQ-BA",))
    assert investigation not in case_list_visible_to(user=osh_basra)
    assert case not in case_list_visible_to(user=osh_basra)

    transition(case, "start_review", people["osh_bg"])
    before = _state(case)
    with pytest.raises(CaseInvalid) as refused:
        transition(case, "close", people["osh_bg"], data={"assessment": "confirmed_occupational"})
    assert {e["field"] for e in refused.value.errors} == {"confirmed_disease"}
    assert _state(case) == before, "a refused closure changes nothing"
    transition(
        case,
        "close",
        people["osh_bg"],
        data={
            "assessment": "confirmed_occupational",
            "confirmed_disease": "2.1.1",
            "preventive_measures": "Wet blasting and respirators; health surveillance of the team.",
        },
    )
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "confirmed_occupational" and case.closed_at


@pytest.mark.django_db
def test_disease_report_refuses_a_group_of_the_ilo_list_and_creates_nothing(client, shipped, factory):
    response = _submit(
        client, "disease_report", {**DISEASE, "disease": "2.1", "employer": {"id": factory.pk}}
    )
    assert response.status_code == 400 and _errors(response) == {"disease": "invalid_choice"}
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_the_portal_offers_the_disease_report_in_both_languages(client, portal):
    assert "Report an occupational disease" in client.get("/en/").content.decode()
    assert "الإبلاغ عن مرض مهني" in client.get("/ar/").content.decode()
    wizard = client.get("/en/report-an-occupational-disease/?start=1")
    assert wizard.status_code == 200 and "The worker with the disease" in wizard.content.decode()


@pytest.mark.django_db
def test_near_miss_needs_no_injured_person_but_an_accident_does(client, shipped):
    near_miss = _submit(client, "incident_report", NEAR_MISS)
    assert near_miss.status_code == 201, near_miss.content
    case = Case.objects.get(reference=near_miss.json()["reference"])
    assert case.data["event_kind"] == "near_miss" and "injured" not in case.data
    assert not case.children.exists() and case.priority == "normal"
    occurrence = _submit(
        client, "incident_report", {**NEAR_MISS, "event_kind": "dangerous_occurrence", "injured": []}
    )
    assert occurrence.status_code == 201, occurrence.content

    count = Case.objects.count()
    accident = {**NEAR_MISS, "event_kind": "injury_accident", "severity": "minor"}
    unstated = {key: value for key, value in accident.items() if key != "event_kind"}  # blank: an accident
    for data in (accident, unstated):
        refused = _submit(client, "incident_report", data)
        assert refused.status_code == 400 and _errors(refused) == {"injured": "min_rows"}, refused.json()
        assert Case.objects.count() == count, "nothing was created"


@pytest.mark.django_db
def test_late_notification_is_computed_from_when_the_accident_happened(client, people):
    with time_machine.travel(timezone.now(), tick=False):
        late = _submit(
            client,
            "incident_report",
            {**INCIDENT, "incident_datetime": (timezone.localtime() - timedelta(hours=30)).isoformat()},
        )
        on_time = _submit(
            client,
            "incident_report",
            {
                **INCIDENT,
                "incident_datetime": (timezone.localtime() - timedelta(hours=6)).isoformat(),
            },
        )
        minor_after_30_hours = _submit(
            client,
            "incident_report",
            {
                **INCIDENT,
                "incident_datetime": (timezone.localtime() - timedelta(hours=30)).isoformat(),
                "severity": "minor",
                "injured": [{**INCIDENT["injured"][1], "injury_severity": "minor"}],
            },
        )
    cases = [Case.objects.get(reference=r.json()["reference"]) for r in (late, on_time, minor_after_30_hours)]
    assert notification_lateness(cases[0]) == {"late": True, "delay_hours": 30.0, "allowed_hours": 24}
    assert notification_lateness(cases[1]) == {"late": False, "delay_hours": 6.0, "allowed_hours": 24}
    assert notification_lateness(cases[2]) == {"late": False, "delay_hours": 30.0, "allowed_hours": 72}
    event = cases[0].events.get(kind=CaseEvent.Kind.UPDATED, data__has_key="late_notification")
    assert event.data["late_notification"] is True and not event.public

    client.force_login(in_english(people["osh_bg"]))
    page = client.get(reverse("ecms_cases:detail", args=[cases[0].reference])).content.decode()
    assert "Late" in page and "30.0 hours after the event (legal delay: 24 hours)" in page
    page = client.get(reverse("ecms_cases:detail", args=[cases[1].reference])).content.decode()
    assert "On time" in page and "Reported on time" in page


@pytest.mark.django_db
def test_incident_closure_records_the_investigations_findings(client, people):
    response = _submit(client, "incident_report", INCIDENT)
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.children.filter(case_type__key="osh_inspection").exists(), "a fatal accident is investigated"
    transition(case, "start_review", people["osh_bg"])
    before = _state(case)
    closing = {"assessment": "confirmed_work_related", "confirmed_severity": "fatal"}
    with pytest.raises(CaseInvalid) as refused:
        transition(case, "close", people["osh_bg"], data=closing)
    assert {e["field"] for e in refused.value.errors} == {
        "investigation_summary",
        "causes",
        "corrective_measures",
    }
    assert _state(case) == before, "a refused closure changes nothing"
    no_deadline = {
        **INVESTIGATION_FINDINGS,
        "corrective_measures": [{"measure": "Fit guard rails."}],
    }
    with pytest.raises(CaseInvalid) as refused:
        transition(case, "close", people["osh_bg"], data={**closing, **no_deadline})
    assert "corrective_measures.0.measure_deadline" in {e["field"] for e in refused.value.errors}
    assert _state(case) == before

    transition(case, "close", people["osh_bg"], data={**closing, **INVESTIGATION_FINDINGS})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "confirmed_work_related"
    recorded = case.events.get(kind=CaseEvent.Kind.TRANSITION, data__to="closed").data["form"]["data"]
    assert recorded["causes"][0] == {
        "cause_deviation": "30",
        "cause_contact_mode": "30",
        "cause_material_agent": "02",
    }
    assert recorded["corrective_measures"][0]["measure_deadline"]

    minor = _submit(
        client,
        "incident_report",
        {
            **INCIDENT,
            "severity": "minor",
            "injured": [{**INCIDENT["injured"][1], "injury_severity": "minor"}],
        },
    )
    minor_case = Case.objects.get(reference=minor.json()["reference"])
    transition(minor_case, "start_review", people["osh_bg"])
    transition(minor_case, "close", people["osh_bg"], data={**closing, "confirmed_severity": "minor"})
    minor_case.refresh_from_db()
    assert minor_case.state == "closed", "without an investigation no findings are asked"
