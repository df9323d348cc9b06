"""A case through a whole configured workflow, and an appeal as a child case, checked event by event."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.audit import verify_case
from cases.errors import CaseConflict, CaseInvalid
from cases.models import Case, CaseEvent, CaseType, EnforcementAction, Notification, Violation
from cases.services import case_open_from_parent, enforcement_issue, transition
from tests.factories import CHECKLIST


def _kinds(case):
    return [(e.kind, e.data.get("transition")) for e in case.events.order_by("sequence")]


@pytest.mark.django_db
def test_case_through_the_whole_workflow(open_case, staff, django_capture_on_commit_callbacks, settings):
    settings.ECMS_JOBS = {
        **settings.ECMS_JOBS,
        "BACKEND": "inprocess",
    }  # notifications sent right after commit
    opened = open_case()
    case = opened.case
    assert case.reference == f"TST-{timezone.now().year}-000001"
    assert case.state == "received" and case.priority == "urgent", "on-open action by condition"
    assert case.governorate.code == "IQ-BG"
    assert "reporter_name" not in case.data and "phone" not in case.data, "confidential answers stored apart"
    assert abs((case.due_at - case.opened_at) - timedelta(hours=48)) < timedelta(seconds=5)
    assert len(opened.tracking_code) == 19

    # The busier inspector gets nothing: assignment goes to the least loaded one in the governorate.
    busy = open_case(severity="low").case
    busy.assignee = staff["inspector_bg_busy"]
    busy.save()

    with django_capture_on_commit_callbacks(execute=True):
        transition(case, "assign", staff["supervisor_bg"])
    case.refresh_from_db()
    assert case.state == "assigned" and case.assignee == staff["inspector_bg"]
    notification = Notification.objects.get(case=case)
    assert notification.language == "ar" and notification.channel == "sms"
    assert case.reference in notification.subject and "قيد المعالجة" in notification.body
    assert notification.status == Notification.Status.SENT

    transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    violations = list(Violation.objects.filter(case=case).order_by("item_key"))
    assert [(v.item_key, v.severity, v.provision.key) for v in violations] == [
        ("records_kept", "medium", "iq-ll-2015-test-article"),
        ("written_contracts", "high", "iq-ll-2015-test-article"),
    ]
    assert violations[1].deadline == timezone.localdate() + timedelta(days=30)
    assert violations[1].note == "None of 40 workers has a contract"

    transition(case, "enforce", staff["supervisor_bg"], comment="Warning, then a fine if not corrected.")
    enforcement_issue(case=case, kind="warning", actor=staff["supervisor_bg"], violations=violations)
    with pytest.raises(CaseConflict):
        enforcement_issue(case=case, kind="court_referral", actor=staff["supervisor_bg"])
    with pytest.raises(CaseInvalid):
        enforcement_issue(case=case, kind="fine", actor=staff["supervisor_bg"])
    fine = enforcement_issue(case=case, kind="fine", actor=staff["supervisor_bg"], amount_iqd=500000)
    assert fine.amount_iqd == 500000
    assert list(EnforcementAction.objects.filter(case=case).values_list("kind", flat=True)) == [
        "warning",
        "fine",
    ]

    transition(case, "follow_up", staff["inspector_bg"])
    child = Case.objects.get(parent=case)
    assert child.reference.startswith(f"TFU-{timezone.now().year}-") and child.governorate == case.governorate
    assert child.data["employer"]["name"] == "Tigris Bricks"

    with django_capture_on_commit_callbacks(execute=True):
        transition(case, "close", staff["supervisor_bg"], data={"outcome": "resolved"})
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "resolved" and case.closed_at is not None

    assert _kinds(case) == [
        ("created", None),
        ("transition", "assign"),
        ("assignment", None),
        ("transition", "visit"),
        ("violation", None),
        ("violation", None),
        ("transition", "enforce"),
        ("enforcement", None),
        ("enforcement", None),
        ("transition", "follow_up"),
        ("child_opened", None),
        ("transition", "close"),
        ("updated", None),  # the outcome, recorded for verify_audit
    ]
    events = list(case.events.order_by("sequence"))
    assert events[6].data["comment"] == "Warning, then a fine if not corrected." and not events[6].public
    assert events[3].data["form"]["data"]["written_contracts"]["answer"] == "non_compliant"
    assert [e.sequence for e in events] == list(range(1, 14))
    assert verify_case(case) == []
    assert Notification.objects.filter(case=case).count() == 2


@pytest.mark.django_db
def test_appeal_as_a_child_of_a_closed_case_within_the_window(open_case, staff):
    case = open_case().case
    appeal_type = CaseType.objects.get(key="test_appeal")
    with pytest.raises(CaseConflict) as still_open:
        case_open_from_parent(case_type=appeal_type, parent=case, data={"reason": "Unfair"}, language="ar")
    assert still_open.value.code == "parent_open"
    transition(case, "assign", staff["supervisor_bg"])
    transition(case, "visit", staff["inspector_bg"], data=CHECKLIST)
    transition(case, "close", staff["supervisor_bg"], data={"outcome": "unfounded"})
    case.refresh_from_db()

    appeal = case_open_from_parent(
        case_type=appeal_type, parent=case, data={"reason": "The finding is wrong."}, language="en"
    )
    assert appeal.case.parent == case and appeal.case.reference.startswith("TAP-")
    assert appeal.tracking_code, "the public may follow their appeal"
    assert appeal.case.governorate == case.governorate
    first = appeal.case.events.get()
    # The link is the case's own (Case.parent); its reference is not copied into the chain (C81 Art. 15(c)).
    assert first.kind == CaseEvent.Kind.CREATED and "parent" not in first.data
    transition(appeal.case, "decide", staff["supervisor_bg"])

    with time_machine.travel(timezone.now() + timedelta(days=31)), pytest.raises(CaseConflict) as too_late:
        case_open_from_parent(case_type=appeal_type, parent=case, data={"reason": "Too late"}, language="ar")
    assert too_late.value.code == "window_passed"
    with pytest.raises(CaseInvalid):
        case_open_from_parent(
            case_type=CaseType.objects.get(key="test_followup"), parent=appeal.case, data={}, language="ar"
        )


@pytest.mark.django_db
def test_a_case_type_with_a_window_after_its_parent_needs_a_parent(case_config):
    from cases.services import case_open

    with pytest.raises(CaseInvalid) as refused:
        case_open(
            case_type=CaseType.objects.get(key="test_appeal"), data={"reason": "No parent"}, language="en"
        )
    assert refused.value.code == "parent_required"
