"""A complaint reaches staff linked to the establishment the person chose in the registry (the typeahead
fills the id), and the inspection it leads to is linked too; an unlinked complaint linked later by staff
passes its link to the inspection. The queue shows the typed employer when no entry is linked."""

import re

import pytest
from django.urls import reverse

from cases.models import Case
from cases.services import case_set_establishment, transition

pytestmark = pytest.mark.django_db


def _post(client, url, prefix, step, data):
    return client.post(url, {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}})


def file_complaint(client, employer: dict) -> Case:
    url = "/en/complaint/"
    page = client.get(url + "?start=1").content.decode()
    prefix = re.search(r'name="(service_\d+_v\d+)-current_step"', page).group(1)
    steps = [
        ("about_you", {"anonymous": "yes", "complainant_role": "worker"}),
        ("employer_details", {"governorate": "IQ-BG", **{f"employer__{k}": v for k, v in employer.items()}}),
        (
            "complaint",
            {"category": "wages_unpaid", "description": "Forty of us have not been paid for months."},
        ),
        ("attachments", {}),
    ]
    for step, data in steps:
        html = _post(client, url, prefix, step, data).content.decode()
        assert 'id="error-summary"' not in html, (step, html[html.find("error-summary") :][:500])
    done = client.post(url, {f"{prefix}-current_step": "review"})
    assert done.status_code == 302
    reference = re.search(
        r'id="reference">([A-Z]+-\d{4}-\d{6})<', client.get(done["Location"]).content.decode()
    )
    return Case.objects.get(reference=reference.group(1))


def accept_with_inspection(case, officer):
    transition(case, "acknowledge", officer)
    transition(case, "accept", officer, data={"open_inspection": "yes", "inspection_kind": "labour"})
    return case.children.get()


def test_a_complaint_with_a_chosen_establishment_arrives_linked_and_so_does_its_inspection(
    client, portal, people, factory
):
    # What the typeahead sends: the name shown and the registry id it filled in.
    case = file_complaint(client, {"name": factory.name, "id": str(factory.pk)})
    assert case.establishment == factory and case.employer_name == factory.name
    inspection = accept_with_inspection(case, people["grm_bg"])
    assert inspection.establishment == factory and inspection.case_type.key == "labour_inspection"


def test_a_complaint_linked_later_by_staff_passes_the_link_to_its_inspection(client, portal, people, factory):
    case = file_complaint(client, {"name": "Tigris Textile Co", "address": "Zafaraniya"})
    assert case.establishment is None and case.employer_name == "Tigris Textile Co"
    client.force_login(people["grm_bg"])
    queue = client.get(reverse("ecms_cases:queue", args=["all"])).content.decode()
    assert "Tigris Textile Co" in queue, "the queue shows the employer as typed"
    found = client.get(reverse("ecms_cases:queue", args=["all"]), {"q": "Textile Co"}).content.decode()
    assert case.reference in found, "and search finds it"
    case_set_establishment(case=case, establishment=factory, actor=people["grm_bg"])
    inspection = accept_with_inspection(case, people["grm_bg"])
    assert inspection.establishment == factory


def test_the_staff_link_form_works_without_javascript(client, portal, people, factory):
    case = file_complaint(client, {"name": "Tigris", "address": ""})
    client.force_login(people["grm_bg"])
    url = reverse("ecms_cases:establishment", args=[case.reference])
    response = client.post(url, {"query": "tigris textiles"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.establishment == factory
    assert client.post(url, {"unlink": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.establishment is None
    refused = client.post(url, {"query": "no such workplace"})
    assert refused.status_code == 400 and case.events.filter(kind="establishment").count() == 2


def test_the_registry_id_input_is_rendered_once_so_the_chosen_id_is_sent(client, portal):
    page = client.get("/en/complaint/?start=1").content.decode()
    prefix = re.search(r'name="(service_\d+_v\d+)-current_step"', page).group(1)
    step = _post(
        client, "/en/complaint/", prefix, "about_you", {"anonymous": "yes", "complainant_role": "worker"}
    )
    html = step.content.decode()
    assert html.count('name="employer_details-employer__id"') == 1, "two inputs: the empty one would win"
