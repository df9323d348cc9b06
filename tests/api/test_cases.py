"""Staff API: scoped lists and details, transitions, comments, assignment, enforcement, files, events."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.services import transition
from tests.factories import CHECKLIST, PNG


@pytest.fixture
def as_user(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.mark.django_db
def test_unauthenticated_staff_endpoints_are_401(client, open_case):
    case = open_case().case
    for url in (
        "/api/v1/cases/",
        f"/api/v1/cases/{case.reference}/",
        "/api/v1/events/",
        "/api/v1/establishments/",
    ):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json()["errors"][0]["code"] == "not_authenticated"


@pytest.mark.django_db
def test_case_list_is_scoped_filtered_and_paginated(as_user, open_case, staff):
    baghdad = [open_case().case for _ in range(3)]
    open_case(governorate="IQ-BA")
    client = as_user(staff["inspector_bg"])
    body = client.get("/api/v1/cases/?page_size=2", headers={"accept-language": "en"}).json()
    assert len(body["results"]) == 2 and body["next"]
    second = client.get(body["next"]).json()
    seen = {c["reference"] for c in body["results"] + second["results"]}
    assert seen == {c.reference for c in baghdad}
    assert body["results"][0]["state_label"] == "Received"
    assert client.get("/api/v1/cases/?governorate=IQ-BA").json()["results"] == []
    assert client.get("/api/v1/cases/?assignee=none&state=received&type=test_case").json()["results"]
    assert client.get("/api/v1/cases/?opened_after=bad").status_code == 400
    ordered = client.get("/api/v1/cases/?ordering=reference").json()["results"]
    assert [c["reference"] for c in ordered] == sorted(c["reference"] for c in ordered)


@pytest.mark.django_db
def test_case_of_another_governorate_is_404(as_user, open_case, staff):
    basra = open_case(governorate="IQ-BA").case
    client = as_user(staff["inspector_bg"])
    for url in (
        f"/api/v1/cases/{basra.reference}/",
        f"/api/v1/cases/{basra.reference}/timeline/",
        f"/api/v1/cases/{basra.reference}/transitions/",
    ):
        assert client.get(url).status_code == 404, url
    post = client.post(
        f"/api/v1/cases/{basra.reference}/comments/", {"text": "hi"}, content_type="application/json"
    )
    assert post.status_code == 404


@pytest.mark.django_db
def test_detail_renders_data_with_its_form_version_and_hides_confidential(as_user, open_case, staff):
    case = open_case().case
    body = (
        as_user(staff["supervisor_bg"])
        .get(f"/api/v1/cases/{case.reference}/", headers={"accept-language": "en"})
        .json()
    )
    assert body["form"] == {"key": "test_intake", "version": 1}
    rows = {r["label"]: r["value"] for s in body["rendered"] for r in s["rows"]}
    assert rows["Severity"] == "High" and rows["Governorate"] == "Baghdad"
    assert "Name" not in rows and "Hussein" not in str(body)


@pytest.mark.django_db
def test_transitions_list_and_perform_with_permission_checks(as_user, open_case, staff):
    case = open_case().case
    inspector = as_user(staff["inspector_bg"])
    assert inspector.get(f"/api/v1/cases/{case.reference}/transitions/").json() == []
    refused = inspector.post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {"transition": "assign"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "permission_denied"
    supervisor = as_user(staff["supervisor_bg"])
    available = supervisor.get(f"/api/v1/cases/{case.reference}/transitions/").json()
    assert [t["key"] for t in available] == ["assign"]
    moved = supervisor.post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {"transition": "assign"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["state"] == "assigned"
    again = supervisor.post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {"transition": "assign"},
        content_type="application/json",
    )
    assert again.status_code == 409
    inspector = as_user(staff["inspector_bg"])
    invalid = inspector.post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {"transition": "visit", "data": {"written_contracts": {"answer": "x"}}},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert invalid.status_code == 400
    assert {e["field"] for e in invalid.json()["errors"]} == {
        "written_contracts",
        "records_kept",
        "weekly_rest",
    }
    extra = inspector.post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {"transition": "visit", "data": CHECKLIST, "state": "closed"},
        content_type="application/json",
    )
    assert extra.status_code == 400 and extra.json()["errors"][0]["field"] == "state"


@pytest.mark.django_db
def test_transition_with_a_file_in_multipart(as_user, open_case, staff, publish):
    import json

    case = open_case().case
    transition(case, "assign", staff["supervisor_bg"])
    checklist = {**CHECKLIST, "written_contracts": {"answer": "non_compliant"}}
    response = as_user(staff["inspector_bg"]).post(
        f"/api/v1/cases/{case.reference}/transitions/",
        {
            "payload": json.dumps({"transition": "visit", "data": checklist}),
            "written_contracts.evidence": SimpleUploadedFile("wall.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 200, response.content
    attachment = case.attachments.get()
    assert attachment.field == "written_contracts.evidence" and attachment.content_type == "png"
    download = as_user(staff["supervisor_bg"]).get(
        f"/api/v1/cases/{case.reference}/attachments/{attachment.pk}/"
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert (
        as_user(staff["inspector_ba"])
        .get(f"/api/v1/cases/{case.reference}/attachments/{attachment.pk}/")
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_comment_assign_and_enforcement(as_user, open_case, staff):
    case = open_case().case
    supervisor = as_user(staff["supervisor_bg"])
    comment = supervisor.post(
        f"/api/v1/cases/{case.reference}/comments/",
        {"text": "Visit next week"},
        content_type="application/json",
    )
    assert comment.status_code == 201 and comment.json()["kind"] == "comment"
    assert (
        supervisor.post(
            f"/api/v1/cases/{case.reference}/comments/", {"text": ""}, content_type="application/json"
        ).status_code
        == 400
    )
    assigned = supervisor.post(
        f"/api/v1/cases/{case.reference}/assign/", {"assignee": "insp_bg"}, content_type="application/json"
    )
    assert assigned.status_code == 200
    wrong_scope = supervisor.post(
        f"/api/v1/cases/{case.reference}/assign/", {"assignee": "insp_ba"}, content_type="application/json"
    )
    assert wrong_scope.status_code == 400 and wrong_scope.json()["errors"][0]["code"] == "invalid_assignee"
    inspector = as_user(staff["inspector_bg"])
    assert (
        inspector.post(
            f"/api/v1/cases/{case.reference}/assign/",
            {"assignee": "insp_bg_busy"},
            content_type="application/json",
        ).status_code
        == 403
    ), "an inspector takes cases, but does not hand them to others"
    assert (
        inspector.post(
            f"/api/v1/cases/{case.reference}/enforcement-actions/",
            {"kind": "warning"},
            content_type="application/json",
        ).status_code
        == 403
    )
    supervisor = as_user(staff["supervisor_bg"])
    issued = supervisor.post(
        f"/api/v1/cases/{case.reference}/enforcement-actions/",
        {"kind": "warning"},
        content_type="application/json",
    )
    assert issued.status_code == 201 and issued.json()["kind"] == "warning"
    ladder = supervisor.post(
        f"/api/v1/cases/{case.reference}/enforcement-actions/",
        {"kind": "closure_order"},
        content_type="application/json",
    )
    assert ladder.status_code == 409
    listed = supervisor.get(f"/api/v1/cases/{case.reference}/enforcement-actions/").json()
    assert [a["kind"] for a in listed] == ["warning"]


@pytest.mark.django_db
def test_event_feed_is_scoped_and_resumable(as_user, open_case, staff):
    mine = open_case().case
    open_case(governorate="IQ-BA")
    client = as_user(staff["inspector_bg"])
    body = client.get("/api/v1/events/").json()
    assert {e["case"] for e in body["events"]} == {mine.reference}
    transition(mine, "assign", staff["supervisor_bg"])
    more = client.get(f"/api/v1/events/?after={body['next_after']}").json()
    assert [e["kind"] for e in more["events"]] == ["transition", "assignment"]


@pytest.mark.django_db
def test_establishments_are_scoped(as_user, staff, baghdad, basra):
    from registry.models import Establishment

    Establishment.objects.create(name="Baghdad Mill", governorate=baghdad)
    Establishment.objects.create(name="Basra Port Services", governorate=basra)
    names = [e["name"] for e in as_user(staff["inspector_bg"]).get("/api/v1/establishments/").json()]
    assert names == ["Baghdad Mill"]


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_cases_or_events(
    as_user, open_case, staff, django_assert_max_num_queries
):
    client = as_user(staff["supervisor_bg"])
    cases = [open_case().case for _ in range(3)]
    with django_assert_max_num_queries(12) as small:
        client.get("/api/v1/cases/")
    with django_assert_max_num_queries(16) as detail_small:
        client.get(f"/api/v1/cases/{cases[0].reference}/")
    for _ in range(12):
        open_case()
    for case in cases:
        transition(case, "assign", staff["supervisor_bg"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/cases/")
    with django_assert_max_num_queries(len(detail_small.captured_queries)):
        client.get(f"/api/v1/cases/{cases[0].reference}/")
