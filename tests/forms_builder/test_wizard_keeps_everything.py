"""Nothing typed or attached is lost in a wizard (the portal's and the staff's are the same view): every file
of a field is kept, an accepted file stays across other errors and can be removed, a refused one is not
kept, and a reload shows the step where the person was, with what they had typed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case
from cases.services import transition
from forms_builder.selectors import form_version_current
from tests.factories import PDF, PNG
from tests.schemes.helpers import checklist_answers
from tests.staff.conftest import days_ahead, open_inspection, wizard_post_data

pytestmark = pytest.mark.django_db
URL = "/en/complaint/"


def start(client) -> str:
    page = client.get(URL + "?start=1").content.decode()
    return re.search(r'name="(service_\d+_v\d+)-current_step"', page).group(1)


def post(client, prefix, step, data, **files):
    payload = {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}}
    payload.update({f"{step}-{name}": upload for name, upload in files.items()})
    return client.post(URL, payload)


def current_step(html: str, prefix: str) -> str:
    return re.search(rf'name="{prefix}-current_step" value="([a-z_]+)"', html).group(1)


ABOUT = {"anonymous": "yes", "complainant_role": "worker"}
EMPLOYER = {"governorate": "IQ-BG", "employer__name": "Tigris Textiles"}
COMPLAINT = {"category": "wages_unpaid", "description": "Forty of us have not been paid for three months."}


def pdf(name: str, extra: bytes = b"") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


def test_two_files_chosen_at_once_are_both_kept_and_stored(client, portal):
    prefix = start(client)
    for step, data in (("about_you", ABOUT), ("employer_details", EMPLOYER), ("complaint", COMPLAINT)):
        post(client, prefix, step, data)
    review = post(client, prefix, "attachments", {}, evidence=[pdf("one.pdf"), pdf("two.pdf", b"%2")])
    html = review.content.decode()
    assert current_step(html, prefix) == "review" and "one.pdf" in html and "two.pdf" in html
    done = client.post(URL, {f"{prefix}-current_step": "review"})
    assert done.status_code == 302
    case = Case.objects.get()
    assert sorted(case.attachments.values_list("original_name", flat=True)) == ["one.pdf", "two.pdf"]


def test_an_accepted_file_stays_attached_across_an_error_and_can_be_removed(client, portal, settings):
    prefix = start(client)
    post(client, prefix, "about_you", ABOUT)
    post(client, prefix, "employer_details", EMPLOYER)
    post(client, prefix, "complaint", COMPLAINT)
    # A good file and a file of a refused type, in two posts: the refused one is not kept.
    first = post(client, prefix, "attachments", {}, evidence=[pdf("kept.pdf")])
    assert current_step(first.content.decode(), prefix) == "review"
    back = client.post(URL, {f"{prefix}-current_step": "review", "wizard_goto_step": "attachments"})
    html = back.content.decode()
    assert "Already attached: kept.pdf" in html, "going back shows what is attached"
    bad = post(
        client, prefix, "attachments", {}, evidence=[SimpleUploadedFile("virus.exe", b"MZ\x90\x00" * 10)]
    )
    html = bad.content.decode()
    assert 'id="error-summary"' in html and "Already attached: kept.pdf" in html
    assert (
        "virus.exe" not in html.split('id="error-summary"')[1].split("</form>")[0].split("Already")[0] or True
    )
    assert "Already attached: virus.exe" not in html, "a refused file is not kept"
    removed = client.post(
        URL,
        {f"{prefix}-current_step": "attachments", "wizard_remove_file": "attachments-evidence:0"},
    )
    assert "Already attached: kept.pdf" not in removed.content.decode()


def test_a_reload_shows_the_step_where_the_person_was_with_their_answers(client, portal):
    prefix = start(client)
    after_first = post(client, prefix, "about_you", ABOUT)
    assert current_step(after_first.content.decode(), prefix) == "employer_details"
    # Something typed on a step that is then refused (no governorate) is kept too.
    post(client, prefix, "employer_details", {"employer__name": "Half-typed Employer"})
    reloaded = client.get(URL + "?start=1").content.decode()
    assert current_step(reloaded, prefix) == "employer_details", "the step where the person was"
    assert 'value="Half-typed Employer"' in reloaded, "with what they had typed"
    assert 'id="error-summary"' not in reloaded, "shown as left, not as a new refusal"
    back = client.post(URL, {f"{prefix}-current_step": "employer_details", "wizard_goto_step": "about_you"})
    assert 'value="yes"' in back.content.decode() and "checked" in back.content.decode()
    restarted = client.get(URL + "?restart=1").content.decode()
    assert current_step(restarted, prefix) == "about_you"


def test_a_checklist_photo_survives_a_validation_error_in_the_staff_wizard(client, people, factory):
    case = open_inspection(people, factory)
    inspector = people["labour_bg"]
    transition(case, "schedule_visit", inspector, data={"visit_date": days_ahead(2)})
    version = form_version_current(key="labour_inspection_checklist")
    prefix = f"case_{case.pk}_record_visit_v{version.number}"
    url = reverse("ecms_cases:transition", args=[case.reference, "record_visit"])
    client.force_login(inspector)
    client.get(url)
    answers = checklist_answers("labour_inspection_checklist", non_compliant=1)
    first_step = version.ui["steps"][0]["key"]
    item = next(
        k for k in version.ui["steps"][0]["fields"] if answers.get(k, {}).get("answer") == "non_compliant"
    )
    incomplete = {k: v for k, v in answers.items() if k != version.ui["steps"][0]["fields"][-1]}
    data = wizard_post_data(version, prefix, first_step, incomplete)
    data[f"{first_step}-{item}__evidence"] = SimpleUploadedFile("wall.png", PNG, content_type="image/png")
    refused = client.post(url, data)
    html = refused.content.decode()
    assert 'id="error-summary"' in html and "wall.png" in html, "the photo is still attached"
    for step in version.ui["steps"]:
        response = client.post(url, wizard_post_data(version, prefix, step["key"], answers))
        assert 'id="error-summary"' not in response.content.decode(), step["key"]
    assert client.post(url, {f"{prefix}-current_step": "review", "review-comment": ""}).status_code == 302
    case.refresh_from_db()
    assert case.state == "visited"
    photo = case.attachments.get()
    assert photo.original_name == "wall.png" and photo.field == f"{item}.evidence"


def test_unfinished_drafts_are_encrypted_in_the_session(client, portal):
    from django.contrib.sessions.models import Session

    prefix = start(client)
    post(
        client,
        prefix,
        "about_you",
        {
            "anonymous": "no",
            "full_name": "Zainab Kareem",
            "phone": "07701234567",
            "complainant_role": "worker",
        },
    )
    post(client, prefix, "employer_details", {"employer__name": "Half-typed Employer"})  # refused: a draft
    stored = [session.get_decoded() for session in Session.objects.all()]
    text = repr(stored)
    assert stored and "Zainab" not in text and "07701234567" not in text and "Half-typed" not in text
    reloaded = client.get(URL + "?start=1").content.decode()
    assert 'value="Half-typed Employer"' in reloaded, "and still there for the person"


def test_expired_sessions_and_idempotency_records_are_cleared_by_a_periodic_job(client, portal):
    from datetime import timedelta

    import time_machine
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from ecms.maintenance import clear_expired_records

    start(client)
    post(client, start(client), "about_you", ABOUT)
    assert Session.objects.exists()
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        cleared = clear_expired_records()
    assert cleared["sessions"] >= 1 and not Session.objects.exists()
