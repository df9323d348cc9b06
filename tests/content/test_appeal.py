"""The appeal service page: the first step checks the earlier case's reference and tracking code (one
answer for unknown and wrong, the case type's window), then the appeal form runs with the checked
reference filled in, and the appeal opens with the complaint as its parent."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from cases.models import Case
from cases.services import transition
from forms_builder.selectors import form_version_current
from tests.staff.conftest import open_complaint

pytestmark = pytest.mark.django_db
URL = "/en/appeal/"


@pytest.fixture
def closed_complaint(people):
    opened = open_complaint()
    transition(opened.case, "acknowledge", people["grm_bg"])
    transition(
        opened.case,
        "declare_not_admissible",
        people["grm_bg"],
        data={"reason": "Outside the ministry's remit."},
    )
    opened.case.refresh_from_db()
    assert opened.case.closed_at is not None
    return opened


def start(client):
    with translation.override("en"):
        html = client.get(URL + "?start=1").content.decode()
    return html, re.search(r'name="(service_\d+_v\d+)-current_step"', html).group(1)


def post(client, prefix, step, data):
    with translation.override("en"):
        return client.post(
            URL, {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}}
        )


def earlier(client, prefix, reference, code):
    return post(client, prefix, "earlier_case", {"reference": reference, "tracking_code": code})


def test_appeal_checks_the_complaint_then_opens_with_it_as_parent(client, portal, closed_complaint):
    html, prefix = start(client)
    assert 'name="earlier_case-reference"' in html and 'name="earlier_case-tracking_code"' in html
    wrong = earlier(client, prefix, closed_complaint.case.reference, "0000-0000-0000-0000").content.decode()
    assert 'id="error-summary"' in wrong and "No case matches this reference and tracking code." in wrong
    unknown = earlier(client, prefix, "GRV-2026-999999", closed_complaint.tracking_code).content.decode()
    assert "No case matches this reference and tracking code." in unknown, "the same answer for both"

    response = earlier(
        client, prefix, closed_complaint.case.reference.lower(), closed_complaint.tracking_code
    )
    html = response.content.decode()
    assert 'id="error-summary"' not in html
    assert f'value="{closed_complaint.case.reference}"' in html, (
        "the checked reference fills the form's field"
    )

    version = form_version_current(key="appeal_intake")
    answers = {
        "grievance_reference": "GRV-2026-000999",  # ignored: the checked reference is what counts
        "reason": "The employer still has not paid us, and the inspection never came.",
        "phone": "07701234567",
    }
    for step in version.ui["steps"]:
        data = {k: v for k, v in answers.items() if k in step["fields"]}
        response = post(client, prefix, step["key"], data)
        assert 'id="error-summary"' not in response.content.decode(), step["key"]
    response = post(client, prefix, "review", {})
    assert response.status_code == 302 and "done=1" in response["Location"]
    appeal = Case.objects.get(case_type__key="appeal")
    assert appeal.parent == closed_complaint.case
    assert appeal.data["grievance_reference"] == closed_complaint.case.reference
    with translation.override("en"):
        confirmation = client.get(response["Location"]).content.decode()
    assert appeal.reference in confirmation


def test_an_open_complaint_cannot_be_appealed_yet(client, portal, people):
    opened = open_complaint()
    _html, prefix = start(client)
    html = earlier(client, prefix, opened.case.reference, opened.tracking_code).content.decode()
    assert "The case must be closed first." in html
    assert not Case.objects.filter(case_type__key="appeal").exists()


def test_the_window_after_closure_is_enforced(client, portal, closed_complaint):
    Case.objects.filter(pk=closed_complaint.case.pk).update(closed_at=timezone.now() - timedelta(days=31))
    _html, prefix = start(client)
    html = earlier(
        client, prefix, closed_complaint.case.reference, closed_complaint.tracking_code
    ).content.decode()
    assert "The time allowed after closure has passed." in html


def test_the_earlier_case_step_is_throttled_like_tracking(client, portal, closed_complaint, settings):
    _html, prefix = start(client)
    for _ in range(12):
        html = earlier(client, prefix, closed_complaint.case.reference, "WRONG-CODE").content.decode()
    assert "Too many attempts" in html


def test_appeal_of_a_restricted_complaint_is_restricted(client, portal, people):
    sensitive = open_complaint(category="harassment_sexual")
    assert sensitive.case.restricted
    transition(sensitive.case, "acknowledge", people["grm_sensitive_bg"])
    transition(
        sensitive.case,
        "declare_not_admissible",
        people["grm_sensitive_bg"],
        data={"reason": "The events took place outside work."},
    )
    _html, prefix = start(client)
    earlier(client, prefix, sensitive.case.reference, sensitive.tracking_code)
    version = form_version_current(key="appeal_intake")
    answers = {
        "grievance_reference": sensitive.case.reference,
        "reason": "I was not heard; the events happened at the workshop.",
    }
    for step in version.ui["steps"]:
        post(client, prefix, step["key"], {k: v for k, v in answers.items() if k in step["fields"]})
    post(client, prefix, "review", {})
    appeal = Case.objects.get(case_type__key="appeal")
    assert appeal.restricted, "seen only by the sensitive-complaints role, like the complaint"
    from cases.selectors import case_list_visible_to

    assert appeal not in case_list_visible_to(user=people["grm_bg"])
    assert appeal in case_list_visible_to(user=people["grm_sensitive_bg"])


def test_the_earlier_case_step_speaks_the_readers_language(client, portal):
    start(client)  # an English request first: the labels must not stay English
    html = client.get("/ar/appeal/?start=1").content.decode()
    assert "الرقم المرجعي لقضيتك السابقة" in html and "Reference of your earlier case" not in html
