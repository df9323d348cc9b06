"""Public API: submission (JSON, multipart, idempotent), tracking, legal library, option lists, tokens."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case
from registry.models import LegalProvision
from tests.cases.conftest import INTAKE
from tests.factories import PDF


def _submit(client, body, **headers):
    return client.post(
        "/api/v1/forms/test_intake/submissions/", body, content_type="application/json", headers=headers
    )


@pytest.mark.django_db
def test_submit_json_opens_a_case_and_returns_reference_and_code(client, case_config):
    response = _submit(client, {"data": INTAKE, "language": "en"}, **{"accept-language": "en"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"reference", "tracking_code", "state", "state_label"}
    assert body["reference"].startswith("TST-") and body["state"] == "received"
    assert body["state_label"] == "We received your report"
    case = Case.objects.get(reference=body["reference"])
    assert case.channel == "api" and case.reporter_language == "en"


@pytest.mark.django_db
def test_submission_errors_name_the_fields_in_the_readers_language(client, case_config):
    bad = {**INTAKE, "severity": "cosmic", "summary": ""}
    response = _submit(client, {"data": bad}, **{"accept-language": "ar"})
    assert response.status_code == 400
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert (
        errors["severity"]["code"] == "invalid_choice"
        and errors["severity"]["message"] == "اختر أحد الخيارات."
    )
    assert errors["summary"]["code"] == "required"
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_unknown_top_level_fields_are_refused(client, case_config):
    response = _submit(client, {"data": INTAKE, "state": "closed", "reference": "TST-1"})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"reference", "state"}
    assert not Case.objects.exists()
    response = _submit(client, {"data": {**INTAKE, "assignee": "me"}})
    assert response.json()["errors"] == [
        {"field": "assignee", "code": "unknown_field", "message": response.json()["errors"][0]["message"]}
    ]


@pytest.mark.django_db
def test_submit_multipart_with_a_file(client, case_config, publish):
    import json

    form = {
        "key": "test_intake",
        "public": True,
        "title": {"ar": "بلاغ", "en": "Report"},
        "fields": [
            {
                "type": "governorate",
                "key": "governorate",
                "label": {"ar": "محافظة", "en": "Governorate"},
                "required": True,
            },
            {
                "type": "long_text",
                "key": "summary",
                "label": {"ar": "ملخص", "en": "Summary"},
                "required": True,
            },
            {
                "type": "file",
                "key": "evidence",
                "label": {"ar": "ملف", "en": "File"},
                "allowed_types": ["pdf"],
                "max_files": 2,
            },
        ],
    }
    publish(form)
    response = client.post(
        "/api/v1/forms/test_intake/submissions/",
        {
            "data": json.dumps({"governorate": "IQ-BG", "summary": "With a document"}),
            "evidence": SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    attachment = case.attachments.get()
    assert attachment.original_name == "contract.pdf" and attachment.size == len(PDF)
    assert case.data["evidence"][0]["attachment"] == attachment.pk
    disguised = client.post(
        "/api/v1/forms/test_intake/submissions/",
        {
            "data": json.dumps({"governorate": "IQ-BG", "summary": "x"}),
            "evidence": SimpleUploadedFile("contract.pdf", b"MZ" + b"\0" * 100),
        },
    )
    assert disguised.status_code == 400 and disguised.json()["errors"][0]["code"] == "file_type"


@pytest.mark.django_db
def test_idempotency_key_never_creates_two_cases(client, case_config):
    first = _submit(client, {"data": INTAKE}, **{"Idempotency-Key": "abc-123"})
    again = _submit(client, {"data": INTAKE}, **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Case.objects.count() == 1
    other = _submit(
        client,
        {"data": {**INTAKE, "summary": "A different report entirely."}},
        **{"Idempotency-Key": "abc-123"},
    )
    assert other.status_code == 400 and Case.objects.count() == 1


@pytest.mark.django_db
def test_submission_to_a_form_that_is_not_public_is_404(client, case_config):
    response = _submit(client, {"data": {}})
    assert response.status_code == 400
    assert (
        client.post(
            "/api/v1/forms/test_checklist/submissions/", {"data": {}}, content_type="application/json"
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_non_json_body_is_415(client, case_config):
    response = client.post("/api/v1/forms/test_intake/submissions/", "data=1", content_type="text/plain")
    assert response.status_code == 415 and response.json()["errors"][0]["code"] == "unsupported_media_type"


@pytest.mark.django_db
def test_submissions_are_throttled_per_client_address_even_with_a_rotating_forwarded_for(
    client, case_config, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "submission_minute": "3/minute",
        },
    }
    codes = [
        _submit(client, {"data": {}}, **{"X-Forwarded-For": f"10.0.0.{i}"}).status_code for i in range(5)
    ]
    assert codes == [400, 400, 400, 429, 429]
    limited = _submit(client, {"data": {}})
    assert limited.json()["errors"][0]["code"] == "throttled"


@pytest.mark.django_db
def test_track_returns_public_state_and_timeline(client, open_case, staff):
    from cases.services import transition

    opened = open_case()
    transition(opened.case, "assign", staff["supervisor_bg"])
    response = client.post(
        "/api/v1/track/",
        {"reference": opened.case.reference, "tracking_code": opened.tracking_code},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "assigned" and body["state_label"] == "Being handled"
    assert [i["state_label"] for i in body["timeline"]] == ["We received your report", "Being handled"]
    assert "Hussein" not in response.content.decode() and "insp_bg" not in response.content.decode()


@pytest.mark.django_db
def test_wrong_code_and_unknown_reference_get_the_same_404(client, open_case):
    opened = open_case()
    wrong = client.post(
        "/api/v1/track/",
        {"reference": opened.case.reference, "tracking_code": "AAAA-AAAA-AAAA-AAAA"},
        content_type="application/json",
    )
    unknown = client.post(
        "/api/v1/track/",
        {"reference": "TST-2020-000999", "tracking_code": opened.tracking_code},
        content_type="application/json",
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


@pytest.mark.django_db
def test_tracking_failures_are_limited_per_address_and_per_reference(client, open_case, settings):
    settings.ECMS_TRACKING_LIMITS = {
        "per_address": {"limit": 3, "window": 60},
        "per_reference": {"limit": 5, "window": 86400},
    }
    opened = open_case()
    body = {"reference": opened.case.reference, "tracking_code": "WRONG-CODE"}
    codes = [
        client.post(
            "/api/v1/track/",
            body,
            content_type="application/json",
            REMOTE_ADDR="198.51.100.1",
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        ).status_code
        for i in range(4)
    ]
    assert codes == [404, 404, 404, 429]
    right = {"reference": opened.case.reference, "tracking_code": opened.tracking_code}
    assert (
        client.post(
            "/api/v1/track/", right, content_type="application/json", REMOTE_ADDR="198.51.100.1"
        ).status_code
        == 429
    ), "even the right code waits"
    for i in range(2):
        client.post("/api/v1/track/", body, content_type="application/json", REMOTE_ADDR=f"192.0.2.{i}")
    locked = client.post("/api/v1/track/", body, content_type="application/json", REMOTE_ADDR="192.0.2.49")
    assert locked.status_code == 429, "five failures a day lock the reference against guessing"
    owner = client.post("/api/v1/track/", right, content_type="application/json", REMOTE_ADDR="192.0.2.50")
    assert owner.status_code == 200, "but nobody can lock the reporter out: the right code still works"


@pytest.mark.django_db
def test_legal_library_and_option_lists(client, case_config):
    instruments = client.get("/api/v1/legal/instruments/").json()
    assert [i["key"] for i in instruments] == ["iq-labour-law-2015"]
    found = client.get(
        "/api/v1/legal/provisions/?instrument=iq-labour-law-2015&q=Test", headers={"accept-language": "en"}
    ).json()
    assert [p["key"] for p in found] == ["iq-ll-2015-test-article"] and found[0]["title"] == "Test article"
    assert found[0]["article_confirmed"] is True and found[0]["article_label"].startswith("Art. ")
    LegalProvision.objects.filter(key="iq-ll-2015-test-article").update(article="—")
    unconfirmed = client.get("/api/v1/legal/provisions/?q=Test", headers={"accept-language": "ar"}).json()[0]
    assert (
        unconfirmed["article_confirmed"] is False and unconfirmed["article_label"] == "رقم المادة قيد التأكيد"
    )
    options = client.get("/api/v1/option-lists/test_levels/", headers={"accept-language": "ar"}).json()
    assert [o["label"] for o in options["options"]] == ["منخفض", "مرتفع"]
    assert client.get("/api/v1/option-lists/nope/").status_code == 404


@pytest.mark.django_db
def test_token_authentication(client, staff):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "insp_bg", "password": "a-long-test-password"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listed = client.get("/api/v1/cases/", headers={"authorization": f"Token {token}"})
    assert listed.status_code == 200
    wrong = client.post(
        "/api/v1/auth/token/", {"username": "insp_bg", "password": "nope"}, content_type="application/json"
    )
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["code"] == "invalid_credentials"
    basic = client.get(
        "/api/v1/cases/", headers={"authorization": "Basic aW5zcF9iZzphLWxvbmctdGVzdC1wYXNzd29yZA=="}
    )
    assert basic.status_code == 401, "no HTTP Basic authentication"


@pytest.mark.django_db
def test_throttle_counts_the_previous_window_so_a_burst_across_the_boundary_is_refused(rf, settings):
    from api.throttles import SubmissionMinuteThrottle

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "submission_minute": "3/minute",
        },
    }
    clock = [6_000_000 * 60 + 59.0]  # the last second of a minute
    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    other = rf.post("/", REMOTE_ADDR="192.0.2.8")

    def allowed(req):
        throttle = SubmissionMinuteThrottle()
        from unittest import mock

        with mock.patch("time.time", return_value=clock[0]):
            return throttle.allow_request(req, None), throttle.wait()

    assert [allowed(request)[0] for _ in range(3)] == [True, True, True]
    refused, wait = allowed(request)
    assert refused is False and 0 < wait <= 1
    clock[0] += 2  # one second into the next minute: the last minute still holds three hits
    assert allowed(request)[0] is False
    assert allowed(other)[0] is True  # counted per client address
    clock[0] += 60  # a whole minute later
    assert allowed(request)[0] is True


@pytest.mark.skipif(
    __import__("django.db", fromlist=["connection"]).connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (the CI's second run)",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_idempotency_key_open_one_case(case_config, monkeypatch):
    import threading

    from django.db import connections
    from django.test import Client

    from api import opening

    # Both requests pass the "seen this key?" check before either opens its case: the race.
    barrier, real_replay, local = threading.Barrier(2, timeout=20), opening._replay, threading.local()

    def replay_then_wait(key, fingerprint):
        found = real_replay(key, fingerprint)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()
        return found

    monkeypatch.setattr(opening, "_replay", replay_then_wait)
    answers, errors = [], []

    def submit():
        try:
            answers.append(_submit(Client(), {"data": INTAKE}, **{"Idempotency-Key": "race-1"}))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json(), "the second gets the first's reference and code"
    assert Case.objects.count() == 1
    from cases.models import CaseSequence

    assert CaseSequence.objects.get().last_number == 1, "the loser's number was rolled back: no gap"
