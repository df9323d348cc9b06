"""The public portal through its pages: services run the configured form as a wizard, the confirmation
shows the reference and code once, tracking, the legal library, information pages — in both languages."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.models import Case
from tests.factories import PDF


def _prefix(html: str) -> str:
    return re.search(r'name="(service_\d+_v\d+)-current_step"', html).group(1)


def _post(client, url, prefix, step, data, files=None, **extra):
    payload = {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}, **extra}
    for name, upload in (files or {}).items():
        payload[f"{step}-{name}"] = upload
    return client.post(url, payload)


@pytest.mark.django_db
def test_home_lists_services_in_arabic_and_english(client, portal):
    arabic = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "تقديم شكوى" in arabic and "متابعة قضية" in arabic
    english = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Make a complaint" in english
    assert "/en/complaint/?start=1" in english


@pytest.mark.django_db
def test_complaint_through_the_wizard_with_a_file_then_tracked(client, portal, baghdad):
    url = "/ar/complaint/"
    landing = client.get(url).content.decode()
    assert "ما يبقى سرياً" in landing or "سري" in landing
    page = client.get(url + "?start=1").content.decode()
    prefix = _prefix(page)
    response = _post(client, url, prefix, "about_you", {"anonymous": "no", "complainant_role": "worker"})
    html = response.content.decode()
    assert 'id="error-summary"' in html, "a name is required when not anonymous"
    response = _post(
        client,
        url,
        prefix,
        "about_you",
        {
            "anonymous": "no",
            "full_name": "Zainab Kareem",
            "complainant_role": "worker",
            "phone": "07701234567",
        },
    )
    step = re.search(rf'name="{prefix}-current_step" value="([a-z_]+)"', response.content.decode()).group(1)
    assert step != "about_you"
    steps = {
        "employer_details": {
            "governorate": "IQ-BG",
            "employer__name": "Tigris Textiles",
            "employer__address": "Zafaraniya",
        },
        "complaint": {
            "category": "wages_unpaid",
            "description": "Forty of us have not been paid for three months.",
        },
        "attachments": {},
    }
    files = {
        "attachments": {"evidence": SimpleUploadedFile("payslip.pdf", PDF, content_type="application/pdf")}
    }
    for _ in range(6):
        if step == "review":
            break
        response = _post(client, url, prefix, step, steps.get(step, {}), files.get(step))
        html = response.content.decode()
        assert 'id="error-summary"' not in html, (step, html[html.find("error-summary") :][:600])
        step = re.search(rf'name="{prefix}-current_step" value="([a-z_]+)"', html).group(1)
    assert "Zainab Kareem" in html and "payslip.pdf" in html, "the review step shows the answers"
    done = client.post(url, {f"{prefix}-current_step": "review"})
    assert done.status_code == 302 and done["Location"].endswith("?done=1")
    confirmation = client.get(done["Location"]).content.decode()
    reference = re.search(r'id="reference">([A-Z]+-\d{4}-\d{6})<', confirmation).group(1)
    code = re.search(r'id="tracking-code">([0-9A-Z-]{19})<', confirmation).group(1)
    case = Case.objects.get(reference=reference)
    assert case.case_type.key == "grievance" and case.channel == "portal" and case.reporter_language == "ar"
    assert case.attachments.get().original_name == "payslip.pdf"
    assert "full_name" not in case.data
    again = client.get(done["Location"])
    assert again.status_code == 200 and code in again.content.decode(), "a reload does not lose the code"
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        gone = client.get(done["Location"])
    assert gone.status_code == 302, "then it is gone from the session"

    tracked = client.post("/en/track/", {"reference": reference.lower(), "tracking_code": code})
    html = tracked.content.decode()
    assert tracked.status_code == 200 and "We received your complaint" in html
    assert "Zainab" not in html
    wrong = client.post("/en/track/", {"reference": reference, "tracking_code": "AAAA-BBBB-CCCC-DDDD"})
    unknown = client.post("/en/track/", {"reference": "GRV-2020-000001", "tracking_code": code})
    assert wrong.status_code == unknown.status_code == 404
    assert re.sub(r'value="[^"]*"', "", wrong.content.decode()).count("No case matches") == 1
    assert "No case matches" in unknown.content.decode()


@pytest.mark.django_db
def test_honeypot_refuses_the_submission(client, portal):
    page = client.get("/en/complaint/?start=1").content.decode()
    prefix = _prefix(page)
    response = _post(
        client,
        "/en/complaint/",
        prefix,
        "about_you",
        {"anonymous": "yes", "complainant_role": "worker"},
        website="http://spam.example",
    )
    assert response.status_code == 400 and not Case.objects.exists()


@pytest.mark.django_db
def test_tracking_is_throttled_per_address(client, portal, settings):
    settings.ECMS_TRACKING_LIMITS = {
        "per_address": {"limit": 2, "window": 60},
        "per_reference": {"limit": 50, "window": 86400},
    }
    codes = [
        client.post("/ar/track/", {"reference": "GRV-2026-000001", "tracking_code": "X"}).status_code
        for _ in range(3)
    ]
    assert codes == [404, 404, 429]
    assert client.post("/ar/track/", {"reference": "", "tracking_code": ""}).status_code in (400, 429)


@pytest.mark.django_db
def test_legal_library_and_information_pages(client, portal):
    library = client.get("/en/legal-library/").content.decode()
    assert "Labour Law No. 37 of 2015" in library and "await validation" in library
    results = client.get("/en/legal-library/?instrument=ilo-c081").content.decode()
    assert "Functions of the labour inspection system" in results
    assert "Labour Law No. 37 of 2015" not in results.split("<h2>", 2)[-1], "filtered to one instrument"
    rights = client.get("/ar/your-rights-at-work/").content.decode()
    assert "حقوقك في العمل" in rights and "<details" in rights
    english = client.get("/en/your-rights-at-work/").content.decode()
    assert "Will my employer know I complained?" in english
    assert 'href="/ar/your-rights-at-work/"' in english, "the language switcher goes to the translation"


@pytest.mark.django_db
def test_submission_limit_holds_at_the_review_step(client, portal, monkeypatch):
    from content import views

    monkeypatch.setattr(views, "SUBMISSIONS_PER_HOUR", 0)
    url = "/en/complaint/"
    prefix = _prefix(client.get(url + "?start=1").content.decode())
    steps = [
        ("about_you", {"anonymous": "yes", "complainant_role": "worker"}),
        ("employer_details", {"governorate": "IQ-BG", "employer__name": "Tigris Textiles"}),
        ("complaint", {"category": "wages_unpaid", "description": "Forty of us have not been paid."}),
        ("attachments", {}),
    ]
    for step, data in steps:
        _post(client, url, prefix, step, data)
    response = client.post(url, {f"{prefix}-current_step": "review"})
    assert response.status_code == 429 and not Case.objects.exists()
    html = response.content.decode()
    assert "Too many submissions" in html and "Forty of us have not been paid." in html, "answers kept"
    monkeypatch.setattr(views, "SUBMISSIONS_PER_HOUR", 1000)
    again = client.post(url, {f"{prefix}-current_step": "review"})
    assert again.status_code == 302 and Case.objects.count() == 1, "sent later without typing again"


@pytest.mark.django_db
def test_first_step_for_a_new_visitor_writes_no_session_and_its_answers_still_go_through(
    client, portal, baghdad
):
    from django.contrib.sessions.models import Session

    url = "/ar/complaint/"
    page = client.get(url + "?start=1")
    assert page.status_code == 200 and Session.objects.count() == 0 and "sessionid" not in page.cookies
    response = _post(
        client,
        url,
        _prefix(page.content.decode()),
        "about_you",
        {"anonymous": "yes", "complainant_role": "worker"},
    )
    assert response.status_code == 200 and Session.objects.count() == 1, "the first answers start the session"
    assert 'id="error-summary"' not in response.content.decode()


@pytest.mark.django_db
def test_the_empty_first_step_is_rendered_once_and_identically(client, portal):
    """The first step's fields are rendered once per process (they depend only on the immutable version,
    the prefix and the language); what the public gets is the same as a fresh rendering."""
    import re as re_

    from forms_builder import caching

    def page():
        html = client.get("/en/complaint/?start=1").content.decode()
        html = re_.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re_.sub(r'nonce="[^"]+"', "", html)  # new for every response (the CSP)

    fresh = page()
    remembered = page()
    caching.clear()
    assert fresh == remembered == page()
    assert 'name="about_you-anonymous"' in fresh
    arabic = client.get("/ar/complaint/?start=1").content.decode()
    assert "نعم" in arabic or "لا" in arabic, "the language is part of what is remembered"
