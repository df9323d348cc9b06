"""The form schema is served from bytes rendered once per process, with an ETag; a publish is seen at once
in the publishing process and within ECMS_FORMS_CURRENT_SECONDS in the others; no query when warm."""

import copy
from types import SimpleNamespace

import pytest

from forms_builder import caching
from tests.forms_builder.sample_forms import FORM

URL = "/api/v1/forms/sample_complaint/"


@pytest.mark.django_db
def test_schema_has_an_etag_and_answers_304_when_unchanged(client, version):
    first = client.get(URL)
    assert first.status_code == 200 and first["ETag"] and first["Cache-Control"] == "public, no-cache"
    again = client.get(URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]
    numbered = client.get(f"{URL}?version=1")
    assert "immutable" in numbered["Cache-Control"] and numbered.json() == first.json()


@pytest.mark.django_db
def test_schema_costs_no_query_and_no_cache_read_when_warm(
    client, version, django_assert_num_queries, monkeypatch
):
    client.get(URL)
    from django.core.cache import cache

    def refuse(*args, **kwargs):
        raise AssertionError("the shared cache was read")

    monkeypatch.setattr(cache, "get", refuse)
    with django_assert_num_queries(0):
        assert client.get(URL).json()["version"] == 1


@pytest.mark.django_db
def test_publish_is_served_at_once_in_the_publishing_process(client, version, publish):
    before = client.get(URL)
    changed = copy.deepcopy(FORM)
    changed["fields"][6]["label"]["en"] = "What happened?"
    publish(changed)
    after = client.get(URL, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["version"] == 2
    assert after.json()["ui"]["fields"]["description"]["label"]["en"] == "What happened?"


@pytest.mark.django_db
def test_another_process_sees_a_publish_within_the_pointer_lifetime(
    client, version, publish, monkeypatch, settings
):
    # The pointer's lifetime is read from a clock the test moves, not from the machine's: a slow run
    # (a loaded CI machine) must not let the window pass between two requests.
    clock = SimpleNamespace(now=1000.0)
    monkeypatch.setattr(caching, "time", SimpleNamespace(monotonic=lambda: clock.now))
    assert client.get(URL).json()["version"] == 1
    # Another process published: simulated by publishing without dropping this process's pointers.
    monkeypatch.setattr(caching, "forget_current", lambda key: None)
    changed = copy.deepcopy(FORM)
    changed["fields"][6]["label"]["en"] = "What happened?"
    publish(changed)
    clock.now += settings.ECMS_FORMS_CURRENT_SECONDS - 0.01
    assert client.get(URL).json()["version"] == 1  # within the documented window
    clock.now += 0.02
    assert client.get(URL).json()["version"] == 2


@pytest.mark.django_db
def test_unpublished_form_disappears(client, version):
    assert client.get(URL).status_code == 200
    version.definition.unpublish()
    assert client.get(URL).status_code == 404
