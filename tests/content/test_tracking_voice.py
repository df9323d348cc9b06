"""The complainant's voice in tracking, on the shipped configuration: each public step with its date, the
decision with its closure date, the appeal deadline with a link carrying the reference (gone once the
deadline has passed), and the satisfaction question answered once by the complainant — through the portal
and through the API, one service behind both."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from cases.errors import CaseInvalid
from cases.models import Case, CaseEvent
from cases.services import case_open, transition
from tests.schemes.helpers import GRIEVANCE, case_type

pytestmark = pytest.mark.django_db
TRACK = "/en/track/"
API = "/api/v1/track/satisfaction/"


def complaint(people, *, close=True):
    opened = case_open(case_type=case_type("grievance"), data=dict(GRIEVANCE), language="en")
    officer = people["grm_bg"]
    transition(opened.case, "acknowledge", officer)
    if close:
        transition(opened.case, "accept", officer, data={"open_inspection": "no"})
        transition(
            opened.case,
            "propose_resolution",
            officer,
            data={"resolution_summary": "Wages paid.", "remedy_obtained": True},
        )
        reasons = "The employer paid two of the three months owed; the third is before the court."
        transition(
            opened.case,
            "close",
            officer,
            data={
                "outcome": "partially_resolved",
                "decision_reasons": reasons,
                "closure_notes": "Staff only",
            },
        )
    opened.case.refresh_from_db()
    return opened


def track(client, opened, path=TRACK):
    with translation.override(path.split("/")[1]):
        return client.post(path, {"reference": opened.case.reference, "tracking_code": opened.tracking_code})


def answer(client, opened, value, code=None):
    data = {
        "reference": opened.case.reference,
        "tracking_code": code or opened.tracking_code,
        "satisfaction_answer": value,
    }
    with translation.override("en"):
        return client.post(TRACK, data)


def test_tracking_shows_dated_steps_the_decision_and_an_appeal_link_until_the_deadline(
    client, portal, people
):
    opened = complaint(people)
    html = track(client, opened).content.decode()
    closed_on = timezone.localtime(opened.case.closed_at)  # the page prints the local (Baghdad) date
    assert closed_on.strftime("%-d %B %Y") in html and "Closed on" in html
    assert html.count('class="timeline__date"') == 5, "each public step with its date"
    assert "Partially resolved" in html, "the decision's label from the outcome list"
    assert "the third is before the court" in html, "the decision's reasons, as the complainant reads them"
    assert "Staff only" not in html, "the staff's own notes are not shown"
    deadline = (closed_on + timedelta(days=30)).strftime("%-d %B %Y")
    assert f"You may appeal this decision until {deadline}." in html
    link = re.search(r'href="([^"]*reference=[^"]*)"[^>]*>Appeal this decision', html).group(1)
    assert opened.case.reference in link and link.startswith("/en/appeal/")

    with translation.override("en"):
        appeal_page = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'name="earlier_case-reference"' in appeal_page
    assert f'value="{opened.case.reference}"' in appeal_page, "the appeal form starts with the reference"

    arabic = track(client, opened, "/ar/track/").content.decode()
    assert "عولجت جزئياً" in arabic and "Partially resolved" not in arabic

    with time_machine.travel(closed_on + timedelta(days=31)):
        late = track(client, opened).content.decode()
    assert "Partially resolved" in late
    assert "Appeal this decision" not in late and "You may appeal" not in late


def test_no_appeal_link_for_a_case_type_nobody_can_appeal(client, portal, people):
    opened = complaint(people)
    with translation.override("en"):
        appeal = client.get("/en/appeal/?start=1").content.decode()
    assert "Appeal this decision" not in appeal
    from cases.services import case_open_from_parent

    child = case_open_from_parent(
        case_type=case_type("appeal"),
        parent=opened.case,
        data={
            "grievance_reference": opened.case.reference,
            "reason": "Nobody asked for my documents at all.",
        },
        language="en",
    )
    transition(child.case, "start_review", people["grm_bg"])
    transition(
        child.case,
        "decide",
        people["supervisor_bg"],
        data={"decision": "rejected", "dismissal_ground": "decision_correct", "reasoning": "x" * 30},
    )
    html = track(client, child).content.decode()
    assert "Rejected (decision confirmed)" in html and "The decision was right on the facts" in html
    assert "Appeal this decision" not in html, "an appeal's decision cannot itself be appealed"


def test_satisfaction_is_asked_after_closure_and_answered_once_on_the_portal(client, portal, people):
    opened = complaint(people)
    html = track(client, opened).content.decode()
    assert 'name="satisfaction_answer"' in html and "Could not be reached" not in html

    wrong = answer(client, opened, "satisfied", code="AAAA-BBBB-CCCC-DDDD")
    assert wrong.status_code == 404
    junk = answer(client, opened, "<script>")
    assert junk.status_code == 400 and "Choose one of the answers offered." in junk.content.decode()
    opened.case.refresh_from_db()
    assert opened.case.satisfaction == "" and opened.case.satisfaction_at is None

    given = answer(client, opened, "satisfied")
    assert given.status_code == 200 and "Thank you. Your answer was recorded." in given.content.decode()
    case = Case.objects.get(pk=opened.case.pk)
    assert case.satisfaction == "satisfied" and case.satisfaction_at is not None
    event = case.events.get(kind=CaseEvent.Kind.SATISFACTION)
    assert event.actor is None and event.public and event.data == {"answer": "satisfied"}

    again = answer(client, opened, "dissatisfied")
    assert again.status_code == 409 and "You have already given your view" in again.content.decode()
    case.refresh_from_db()
    assert (
        case.satisfaction == "satisfied" and case.events.filter(kind=CaseEvent.Kind.SATISFACTION).count() == 1
    )
    assert "Your answer: Satisfied" in track(client, opened).content.decode()


def test_satisfaction_is_refused_before_closure(client, portal, people):
    opened = complaint(people, close=False)
    assert 'name="satisfaction_answer"' not in track(client, opened).content.decode()
    response = answer(client, opened, "satisfied")
    assert response.status_code == 409
    opened.case.refresh_from_db()
    assert opened.case.satisfaction == ""


def test_satisfaction_through_the_api_once(client, portal, people):
    opened = complaint(people)
    body = {"reference": opened.case.reference, "tracking_code": opened.tracking_code}
    tracked = client.post("/api/v1/track/", body, content_type="application/json").json()
    assert tracked["decision"]["outcome_label"] and tracked["next_steps"][0]["case_type"] == "appeal"
    assert tracked["satisfaction"]["open"] is True
    assert "not_reached" not in [o["code"] for o in tracked["satisfaction"]["options"]]

    for junk in ({**body, "answer": ["satisfied"]}, {**body}, {**body, "answer": "satisfied", "x": 1}, "[]"):
        response = client.post(API, junk, content_type="application/json")
        assert response.status_code == 400, junk
    wrong = client.post(
        API,
        {**body, "tracking_code": "AAAA-BBBB-CCCC-DDDD", "answer": "satisfied"},
        content_type="application/json",
    )
    assert wrong.status_code == 404
    opened.case.refresh_from_db()
    assert opened.case.satisfaction == ""

    given = client.post(API, {**body, "answer": "very_satisfied"}, content_type="application/json")
    assert given.status_code == 200 and given.json()["satisfaction"]["answer"] == "very_satisfied"
    again = client.post(API, {**body, "answer": "neutral"}, content_type="application/json")
    assert again.status_code == 409 and again.json()
    opened.case.refresh_from_db()
    assert opened.case.satisfaction == "very_satisfied"


def test_the_officer_no_longer_types_the_complainants_satisfaction(people):
    opened = complaint(people, close=False)
    case = opened.case
    transition(case, "accept", people["grm_bg"], data={"open_inspection": "no"})
    transition(
        case,
        "propose_resolution",
        people["grm_bg"],
        data={"resolution_summary": "Wages paid.", "remedy_obtained": True},
    )
    with pytest.raises(CaseInvalid):
        transition(case, "close", people["grm_bg"], data={"outcome": "resolved", "satisfaction": "satisfied"})
    case.refresh_from_db()
    assert case.state == "resolution" and case.satisfaction == ""


def test_satisfaction_answers_are_throttled(client, portal, people, settings):
    opened = complaint(people)
    settings.ECMS_TRACKING_LIMITS = {
        "per_address": {"limit": 2, "window": 60},
        "per_reference": {"limit": 10, "window": 86400},
    }
    for _ in range(2):
        assert answer(client, opened, "satisfied", code="AAAA-BBBB-CCCC-DDDD").status_code == 404
    assert answer(client, opened, "satisfied").status_code == 429
    opened.case.refresh_from_db()
    assert opened.case.satisfaction == "" and timezone.now()
