"""Public form endpoints: list, current and older versions, one error format, escaped output."""

import copy
import json
from pathlib import Path

import pytest

from forms_builder import services
from tests.forms_builder.sample_forms import FORM, PAYLOADS, XSS_FORM, XSS_OPTIONS


@pytest.mark.django_db
def test_list_public_forms(client, version):
    response = client.get("/api/v1/forms/", headers={"accept-language": "en"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "key": "sample_complaint",
            "kind": "grievance",
            "title": "Sample complaint",
            "title_i18n": {"ar": "شكوى تجريبية", "en": "Sample complaint"},
            "version": 1,
        }
    ]
    arabic = client.get("/api/v1/forms/", headers={"accept-language": "ar"}).json()
    assert arabic[0]["title"] == "شكوى تجريبية"


@pytest.mark.django_db
def test_fetch_current_and_older_version(client, version, publish):
    changed = copy.deepcopy(FORM)
    changed["fields"][6]["label"]["en"] = "What happened?"
    publish(changed)
    current = client.get("/api/v1/forms/sample_complaint/").json()
    assert current["version"] == 2
    assert set(current) == {"key", "kind", "version", "checksum", "published_at", "schema", "ui"}
    assert current["ui"]["fields"]["description"]["label"]["en"] == "What happened?"
    old = client.get("/api/v1/forms/sample_complaint/?version=1").json()
    assert old["version"] == 1 and old["checksum"] == version.checksum
    assert old["ui"]["fields"]["description"]["label"]["en"] == "Description"


@pytest.mark.django_db
def test_unknown_form_or_version_is_404_in_the_error_format(client, version, publish):
    private = copy.deepcopy(FORM)
    private.update(key="staff_checklist", public=False)
    publish(private)
    for url in (
        "/api/v1/forms/nope/",
        "/api/v1/forms/staff_checklist/",
        "/api/v1/forms/sample_complaint/?version=9",
    ):
        response = client.get(url, headers={"accept-language": "en"})
        assert response.status_code == 404, url
        body = response.json()
        assert list(body) == ["errors"] and body["errors"][0]["code"] == "not_found"
    bad = client.get("/api/v1/forms/sample_complaint/?version=x", headers={"accept-language": "ar"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "version"
    assert bad.json()["errors"][0]["message"] == "أدخل عدداً صحيحاً."


@pytest.mark.django_db
def test_admin_defined_markup_is_escaped_in_api_output(client, publish):
    services.option_list_load_document(copy.deepcopy(XSS_OPTIONS), Path("x.yaml"))
    xss = copy.deepcopy(XSS_FORM)
    xss["public"] = True
    publish(xss)
    response = client.get("/api/v1/forms/xss_probe/", headers={"accept": "text/html"})
    assert response["Content-Type"] == "application/json"
    raw = response.content.decode()
    assert "<" not in raw and ">" not in raw
    for payload in PAYLOADS:
        assert payload not in raw
    data = json.loads(raw)
    assert data["ui"]["fields"]["name"]["label"]["en"] == "<script>alert(1)</script>", (
        "data itself is unchanged"
    )
    assert client.get("/api/v1/forms/", headers={"accept": "text/html"})["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_unknown_api_path_is_a_json_404(client):
    from wagtail.models import Site

    Site.objects.all().delete()  # even with no portal site configured
    response = client.get("/api/v1/forms/%BD%C8 x/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    assert client.get("/ar/no-such-page/").status_code == 404
