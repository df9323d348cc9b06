"""The form wizard: steps, server-side conditions, repeat groups, files kept between steps, review, submit."""

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tests.factories import PDF
from tests.forms_builder import urls as wizard_urls
from tests.forms_builder.sample_forms import PAYLOADS, XSS_FORM, XSS_OPTIONS

pytestmark = pytest.mark.urls("tests.forms_builder.urls")


def _post(client, version, step, data, files=None, **extra):
    prefix = f"form_{version.key}_v{version.number}"
    payload = {f"{prefix}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}, **extra}
    if files:
        payload.update({f"{step}-{k}": v for k, v in files.items()})
    return client.post(f"/wizard/{version.key}/", payload)


@pytest.fixture(autouse=True)
def _reset_submissions():
    wizard_urls.SUBMITTED.clear()


@pytest.mark.django_db
def test_wizard_walks_every_step_keeps_the_file_and_submits(client, version):
    with translation.override("en"):
        page = client.get("/wizard/sample_complaint/", headers={"accept-language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Step 1 of 3" in html or "الخطوة 1 من 3" in html
    assert "data-visible-if=" in html, "same-step condition is left to the page (and the server)"

    # Step 1: not anonymous, but no name: the conditional requirement is enforced on the server.
    response = _post(client, version, "about", {"anonymous": "no"})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert 'href="#id_about-full_name"' in response.content.decode()
    response = _post(
        client, version, "about", {"anonymous": "no", "full_name": "Zainab Kareem", "phone": "07701234567"}
    )
    assert 'name="complaint-description"' in response.content.decode()

    # Step 2: add a witness row without JavaScript, then fill the step with a file.
    response = _post(client, version, "complaint", {"witnesses__rows": "0"}, wizard_add_row="witnesses")
    html = response.content.decode()
    assert 'name="complaint-witnesses__0__witness_name"' in html
    assert 'id="error-summary"' not in html, "adding a row shows no errors yet"
    evidence = SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf")
    response = _post(
        client,
        version,
        "complaint",
        {
            "category": "wages_late",
            "description": "My wages are two months late.",
            "workers": "35",
            "witnesses__rows": "1",
            "witnesses__0__witness_name": "Omar",
            "witnesses__0__witness_age": "40",
        },
        files={"evidence": evidence},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zainab Kareem" in html and "Omar" in html, "the review step shows the answers"

    # Go back to step 1 and forward again: the uploaded file is still there.
    prefix = f"form_{version.key}_v{version.number}"
    client.post(
        "/wizard/sample_complaint/", {f"{prefix}-current_step": "review", "wizard_goto_step": "about"}
    )
    _post(client, version, "about", {"anonymous": "no", "full_name": "Zainab Kareem", "phone": "07701234567"})
    client.post(
        "/wizard/sample_complaint/", {f"{prefix}-current_step": "about", "wizard_goto_step": "review"}
    )
    response = client.post("/wizard/sample_complaint/", {f"{prefix}-current_step": "review"})
    assert response.content == b"received"
    submitted = wizard_urls.SUBMITTED[0]
    assert submitted["data"]["full_name"] == "Zainab Kareem"
    assert submitted["data"]["witnesses"] == [{"witness_name": "Omar", "witness_age": 40}]
    assert submitted["data"]["evidence"][0]["type"] == "pdf"
    assert submitted["files"]["evidence"] == [PDF]


@pytest.mark.django_db
def test_hidden_fields_are_dropped_on_submit(client, version):
    _post(client, version, "about", {"anonymous": "yes", "full_name": "Should be dropped"})
    _post(
        client, version, "complaint", {"category": "hours", "description": "Sixty hours a week, no overtime."}
    )
    prefix = f"form_{version.key}_v{version.number}"
    response = client.post("/wizard/sample_complaint/", {f"{prefix}-current_step": "review"})
    assert response.content == b"received"
    assert "full_name" not in wizard_urls.SUBMITTED[0]["data"]


@pytest.mark.django_db
def test_field_hidden_by_an_earlier_step_is_not_rendered(client, publish):
    document = {
        "key": "two_steps",
        "title": {"ar": "خطوتان", "en": "Two steps"},
        "fields": [
            {"type": "section", "key": "first", "title": {"ar": "الأولى", "en": "First"}},
            {
                "type": "yes_no",
                "key": "injured",
                "required": True,
                "label": {"ar": "إصابة؟", "en": "Injured?"},
            },
            {"type": "section", "key": "second", "title": {"ar": "الثانية", "en": "Second"}},
            {
                "type": "number",
                "key": "days_lost",
                "label": {"ar": "أيام", "en": "Days lost"},
                "required": True,
                "visible_if": {
                    "match": "all",
                    "rules": [{"field": "injured", "operator": "equals", "value": "yes"}],
                },
            },
            {"type": "text", "key": "remarks", "label": {"ar": "ملاحظات", "en": "Remarks"}},
        ],
    }
    version = publish(document)
    response = _post(client, version, "first", {"injured": "no"})
    html = response.content.decode()
    assert 'name="second-remarks"' in html
    assert "days_lost" not in html
    response = _post(client, version, "second", {"remarks": "none"})
    assert response.status_code == 200
    client.post(
        "/wizard/two_steps/", {"form_two_steps_v1-current_step": "second", "wizard_goto_step": "first"}
    )
    response = _post(client, version, "first", {"injured": "yes"})
    assert 'name="second-days_lost"' in response.content.decode()


def _assert_escaped(html: str):
    for payload in PAYLOADS:
        assert payload not in html, payload
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onmouseover=alert(3)&gt;B&lt;/b&gt;" in html


@pytest.mark.django_db
def test_labels_help_and_options_are_escaped_in_the_portal_wizard(client, publish):
    from pathlib import Path

    from forms_builder import services

    services.option_list_load_document(copy.deepcopy(XSS_OPTIONS), Path("x.yaml"))
    publish(XSS_FORM)
    _assert_escaped(client.get("/wizard/xss_probe/").content.decode())


@pytest.mark.django_db
@pytest.mark.urls("ecms.urls")
def test_labels_help_and_options_are_escaped_in_the_admin_preview(client, make_user, publish):
    from pathlib import Path

    from django.urls import reverse

    from forms_builder import services
    from forms_builder.models import FormDefinition

    services.option_list_load_document(copy.deepcopy(XSS_OPTIONS), Path("x.yaml"))
    publish(XSS_FORM)
    definition = FormDefinition.objects.get(key="xss_probe")
    client.force_login(make_user("ministry_admin", is_superuser=True))
    edit_page = client.get(reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[definition.pk]))
    assert edit_page.status_code == 200
    preview_url = reverse(
        "wagtailsnippets_forms_builder_formdefinition:preview_on_edit", args=[definition.pk]
    )
    from tests.forms_builder.admin_data import form_definition_post_data

    data = form_definition_post_data(
        XSS_FORM, {"xss_options": services.OptionList.objects.get(key="xss_options").pk}, action=""
    )
    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert preview.status_code == 200
    _assert_escaped(preview.content.decode())
