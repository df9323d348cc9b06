"""An inspection opened from a complaint does not tell the inspector, nor the employer, that it came from a
complaint (ILO C81 Art. 15(c)): not in its timeline, its data, the API, the event feed or the printed
report. Those who may see the complaint still see the link."""

import pytest
from django.urls import reverse

from cases.services import transition
from tests.staff.conftest import open_complaint

pytestmark = pytest.mark.django_db
ORIGIN_LABEL = "شكوى"  # the Arabic label of the origin "complaint" (configs/option_lists)


@pytest.fixture
def inspection_from_complaint(people, factory):
    complaint = open_complaint(employer={"id": factory.pk}).case
    transition(complaint, "acknowledge", people["grm_bg"])
    transition(
        complaint, "accept", people["grm_bg"], data={"open_inspection": "yes", "inspection_kind": "labour"}
    )
    return complaint, complaint.children.get()


def test_the_inspector_sees_no_complaint_origin_anywhere(client, people, inspection_from_complaint):
    complaint, inspection = inspection_from_complaint
    assert inspection.parent == complaint and "origin" not in inspection.data, "kept encrypted, apart"
    inspector = people["labour_bg"]
    client.force_login(inspector)
    outputs = {
        "case page": client.get(reverse("ecms_cases:detail", args=[inspection.reference])),
        "report": client.get(reverse("ecms_cases:print_report", args=[inspection.reference])),
        "api case": client.get(f"/api/v1/cases/{inspection.reference}/"),
        "api timeline": client.get(f"/api/v1/cases/{inspection.reference}/timeline/"),
        "event feed": client.get("/api/v1/events/"),
    }
    for name, response in outputs.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert complaint.reference not in text, f"{name} names the complaint"
        assert '"complaint"' not in text and "شكوى" not in text.split("<footer")[0] or name == "case page", (
            name
        )
    report = outputs["report"].content.decode()
    assert "complaint" not in report.lower() and "شكوى" not in report


def test_someone_who_may_see_the_complaint_still_sees_the_link(client, people, inspection_from_complaint):
    complaint, inspection = inspection_from_complaint
    client.force_login(people["supervisor_bg"])
    page = client.get(reverse("ecms_cases:detail", args=[inspection.reference])).content.decode()
    assert complaint.reference in page
    detail = client.get(f"/api/v1/cases/{inspection.reference}/").json()
    assert detail["parent"] == complaint.reference
