"""Appeals that take effect, on the shipped configuration: a restricted appeal is decided by the restricted
supervisor (and by nobody who cannot see it); an upheld appeal reopens the complaint (its staff are told,
the complainant sees it in tracking, the audit still verifies); a rejected appeal says why."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.audit import verify_case, verify_case_fields
from cases.errors import CaseError, CaseNotFound
from cases.models import Case, CaseEvent, Notification
from cases.selectors import case_list_visible_to
from cases.services import case_open_from_parent, transition
from cases.tracking import tracking_result
from tests.factories import in_english
from tests.schemes.helpers import GRIEVANCE, case_type

pytestmark = pytest.mark.django_db

REASONING = "The complaint was examined again with the appellant's new documents."


def closed_complaint(people, **changes):
    """A complaint taken through to closure by the officer of its kind (sensitive or not)."""
    from cases.services import case_open

    opened = case_open(case_type=case_type("grievance"), data={**GRIEVANCE, **changes}, language="en")
    case = opened.case
    officer = people["grm_sensitive_bg"] if case.restricted else people["grm_bg"]
    transition(case, "acknowledge", officer)
    transition(case, "accept", officer, data={"open_inspection": "no"})
    case.refresh_from_db()
    transition(
        case, "propose_resolution", officer, data={"resolution_summary": "Paid.", "remedy_obtained": True}
    )
    transition(case, "close", officer, data={"outcome": "not_resolved"})
    case.refresh_from_db()
    assert case.closed_at is not None and case.outcome == "not_resolved"
    return opened


def appeal_of(complaint, reviewer):
    opened = case_open_from_parent(
        case_type=case_type("appeal"),
        parent=complaint.case,
        data={
            "grievance_reference": complaint.case.reference,
            "reason": "The employer still has not paid us; nobody came to check.",
        },
        language="en",
    )
    transition(opened.case, "start_review", reviewer)
    opened.case.refresh_from_db()
    return opened


def test_restricted_appeal_is_decided_by_the_sensitive_supervisor_only(people, client):
    complaint = closed_complaint(people, category="harassment_sexual")
    appeal = appeal_of(complaint, people["grm_sensitive_bg"]).case
    assert appeal.restricted
    supervisor, sensitive_supervisor = people["supervisor_bg"], people["sensitive_supervisor_bg"]
    assert appeal not in case_list_visible_to(user=supervisor)
    assert appeal in case_list_visible_to(user=sensitive_supervisor)

    decision = {"decision": "upheld", "reasoning": REASONING}
    with pytest.raises(CaseNotFound):
        transition(appeal, "decide", supervisor, data=decision)
    appeal.refresh_from_db()
    assert (appeal.state, appeal.closed_at, appeal.outcome) == ("under_review", None, "")
    client.force_login(in_english(supervisor))
    assert client.get(reverse("ecms_cases:transition", args=[appeal.reference, "decide"])).status_code == 404

    client.force_login(in_english(sensitive_supervisor))
    assert client.get(reverse("ecms_cases:transition", args=[appeal.reference, "decide"])).status_code == 200
    transition(appeal, "decide", sensitive_supervisor, data=decision)
    appeal.refresh_from_db()
    assert appeal.state == "decided" and appeal.outcome == "upheld"


def test_upheld_appeal_reopens_the_complaint_and_the_complainant_sees_it(people, client):
    complaint = closed_complaint(people)
    parent = complaint.case
    appeal = appeal_of(complaint, people["grm_bg"]).case
    transition(appeal, "decide", people["supervisor_bg"], data={"decision": "upheld", "reasoning": REASONING})

    parent.refresh_from_db()
    assert parent.state == "investigation" and parent.closed_at is None and parent.outcome == ""
    event = parent.events.get(kind=CaseEvent.Kind.REOPENED)
    assert event.public and event.data["by_case"] == appeal.reference
    assert event.data["outcome_was"] == "not_resolved" and event.data["from"] == "closed"
    assert verify_case(parent) == [] and verify_case_fields(parent) == []
    call_command("verify_audit")  # raises on any problem
    client.force_login(in_english(people["supervisor_bg"]))
    page = client.get(reverse("ecms_cases:detail", args=[parent.reference])).content.decode()
    assert f"Reopened after the decision on {appeal.reference}" in page

    told = Notification.objects.filter(case=parent, recipient_user__isnull=False)
    assert {n.recipient_user for n in told} >= {people["supervisor_bg"]}
    assert any(appeal.reference in n.subject for n in told)

    complaint_view = tracking_result(case=parent, language="en")
    assert complaint_view["closed"] is False and complaint_view["state_label"] == "Under investigation"
    assert complaint_view["timeline"][-1]["reopened_by"] == appeal.reference
    assert complaint_view["next_steps"] == [], "nothing to appeal while the complaint is open again"
    appeal_view = tracking_result(case=Case.objects.get(pk=appeal.pk), language="en")
    assert appeal_view["decision"]["outcome_label"] == "Upheld (decision changed)"
    assert appeal_view["parent_reopened"]["reference"] == parent.reference
    assert appeal_view["parent_reopened"]["state_label"] == "Under investigation"


def test_rejected_appeal_needs_its_ground_which_the_appellant_reads(people):
    complaint = closed_complaint(people)
    appeal = appeal_of(complaint, people["grm_bg"]).case
    with pytest.raises(CaseError) as refused:
        transition(
            appeal, "decide", people["supervisor_bg"], data={"decision": "rejected", "reasoning": REASONING}
        )
    assert any(e["field"] == "dismissal_ground" for e in refused.value.errors)
    appeal.refresh_from_db()
    assert appeal.state == "under_review" and appeal.closed_at is None

    transition(
        appeal,
        "decide",
        people["supervisor_bg"],
        data={"decision": "rejected", "dismissal_ground": "no_new_facts", "reasoning": REASONING},
    )
    complaint.case.refresh_from_db()
    assert complaint.case.state == "closed", "a rejected appeal leaves the complaint closed"
    decision = tracking_result(case=Case.objects.get(pk=appeal.pk), language="en")["decision"]
    assert decision["outcome_label"] == "Rejected (decision confirmed)"
    assert {"label": "Why the appeal is rejected", "value": "The appeal brings no new facts or evidence"} in (
        decision["reasons"]
    )
    assert any(r["value"] == REASONING for r in decision["reasons"])
    arabic = tracking_result(case=Case.objects.get(pk=appeal.pk), language="ar")["decision"]
    assert arabic["outcome_label"] == "رد الاعتراض (تأييد القرار)"


def test_upheld_appeal_refused_when_the_complaint_is_already_open_again(people):
    complaint = closed_complaint(people)
    appeal = appeal_of(complaint, people["grm_bg"]).case
    first = appeal_of(complaint, people["grm_bg"]).case
    transition(first, "decide", people["supervisor_bg"], data={"decision": "upheld", "reasoning": REASONING})
    with pytest.raises(CaseError) as refused:
        transition(
            appeal, "decide", people["supervisor_bg"], data={"decision": "upheld", "reasoning": REASONING}
        )
    assert complaint.case.reference in refused.value.message
    appeal.refresh_from_db()
    assert appeal.state == "under_review" and appeal.outcome == ""
