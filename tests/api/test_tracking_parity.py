"""One tracking result (cases.tracking.tracking_result): the portal's tracking page and the API's track
endpoint show a reporter the same facts about one case, in each language; the API's shape is unchanged."""

import pytest
from django.utils.dateparse import parse_datetime

from cases.services import transition
from cases.tracking import tracking_result
from content.services import portal_pages_setup

API_FIELDS = {
    "reference",
    "case_type",
    "state",
    "state_label",
    "opened_at",
    "closed",
    "closed_at",
    "timeline",
    "reporter",
    "decision",
    "parent_reopened",
    "next_steps",
    "satisfaction",
}
DATES = {"opened_at", "closed_at", "timeline"}  # compared apart: JSON gives dates as text


@pytest.mark.django_db
def test_portal_and_api_show_the_same_facts_of_a_case(client, open_case, staff):
    portal_pages_setup()
    opened = open_case()
    transition(opened.case, "assign", staff["supervisor_bg"])
    opened.case.refresh_from_db()
    credentials = {"reference": opened.case.reference.lower(), "tracking_code": opened.tracking_code}
    for language in ("ar", "en"):
        api = client.post(
            "/api/v1/track/",
            credentials,
            content_type="application/json",
            headers={"accept-language": language},
        )
        portal = client.post(f"/{language}/track/", credentials)
        assert api.status_code == portal.status_code == 200
        body, shown = api.json(), portal.context["result"]
        assert set(body) == API_FIELDS, "the API's response shape (#15)"
        assert shown == tracking_result(case=opened.case, language=language)
        assert {field: shown[field] for field in API_FIELDS - DATES} == {
            field: body[field] for field in API_FIELDS - DATES
        }
        assert parse_datetime(body["opened_at"]) == shown["opened_at"]
        assert [(i["state"], i["state_label"], parse_datetime(i["at"])) for i in body["timeline"]] == [
            (i["state"], i["state_label"], i["at"]) for i in shown["timeline"]
        ]
        assert body["state"] == "assigned" and len(body["timeline"]) == 2
        html = portal.content.decode()
        assert body["reference"] in html and shown["case_type"] in html
        assert all(item["state_label"] in html for item in body["timeline"])
