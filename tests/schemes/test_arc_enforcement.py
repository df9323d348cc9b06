"""Enforcement arcs on the shipped configuration: outcomes, proposals after missed deadlines, entry refused,
the rungs allowed at any step, and the notices — through the services and the staff screens."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.errors import CaseConflict, CaseForbidden, CaseInvalid
from cases.models import CaseEvent, EnforcementAction, Notification, Violation
from cases.services import (
    case_open,
    enforcement_allowed_next,
    enforcement_issue,
    enforcement_overdue_sweep,
    enforcement_record_outcome,
    transition,
    violation_set_status,
)
from tests.factories import in_english
from tests.schemes.helpers import case_type, checklist_answers

pytestmark = pytest.mark.django_db
Status = EnforcementAction.Status


def _inspection(people, factory, key="labour_inspection", inspector="labour_bg"):
    plan = {
        "establishment": {"id": factory.pk},
        "governorate": "IQ-BG",
        "origin": "planned",
        "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    case = case_open(
        case_type=case_type(key), data=plan, language="ar", actor=people["supervisor_bg"], channel="staff"
    ).case
    transition(case, "assign", people["supervisor_bg"])
    transition(
        case,
        "schedule_visit",
        people[inspector],
        data={"visit_date": (timezone.localdate() + timedelta(days=3)).isoformat()},
    )
    return case


def _visited(people, factory):
    case = _inspection(people, factory)
    transition(
        case, "record_visit", people["labour_bg"], data=checklist_answers("labour_inspection_checklist")
    )
    return case, list(Violation.objects.filter(case=case))


def _snapshot(action):
    action.refresh_from_db()
    return (action.status, action.outcomes.count(), action.case.events.count(), action.followed_by.count())


def _page(client, case):
    return client.get(reverse("ecms_cases:detail", args=[case.reference]))


def test_not_corrected_then_fine_then_paid_with_its_receipt(people, factory, client):
    case, violations = _visited(people, factory)
    supervisor = people["supervisor_bg"]
    notice = enforcement_issue(
        case=case,
        kind="improvement_notice",
        actor=supervisor,
        violations=violations,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    assert notice.notice_number.startswith("IMP-") and notice.outcomes.get().status == Status.ISSUED
    client.force_login(in_english(supervisor))
    url = reverse("ecms_cases:enforcement_outcome", args=[case.reference, notice.pk])
    page = client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()
    assert f'name="o{notice.pk}-status"' in page and 'value="" selected' in page, "no outcome preselected"
    client.post(url, {f"o{notice.pk}-status": "", f"o{notice.pk}-note": "Clicked by mistake"})
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED and notice.outcomes.count() == 1, "nothing chosen, nothing recorded"
    client.post(
        url, {f"o{notice.pk}-status": "not_complied", f"o{notice.pk}-note": "Not corrected at follow-up"}
    )
    notice.refresh_from_db()
    assert notice.status == Status.NOT_COMPLIED
    proposal = notice.followed_by.get()
    assert proposal.kind == "fine" and proposal.status == Status.PROPOSED
    for violation in violations:  # found not corrected at the follow-up visit
        violation_set_status(violation=violation, status="not_corrected", actor=supervisor)
    fine = enforcement_issue(
        case=case, kind="fine", actor=supervisor, violations=violations, amount_iqd=750000
    )
    carried = Violation.objects.filter(pk__in=[v.pk for v in violations])
    assert {v.status for v in carried} == {"escalated"}, "not corrected, then carried to enforcement"
    assert case.events.filter(kind=CaseEvent.Kind.VIOLATION, data__status="escalated").count() == len(
        violations
    )
    # paid without a receipt number: refused, nothing changes
    before = _snapshot(fine)
    with pytest.raises(CaseInvalid):
        enforcement_record_outcome(
            case=case, action_id=fine.pk, status="paid", actor=supervisor, amount_iqd=750000
        )
    with pytest.raises(CaseInvalid):
        enforcement_record_outcome(
            case=case, action_id=fine.pk, status="paid", actor=supervisor, receipt_number="R-1"
        )
    assert _snapshot(fine) == before
    # an inspector may not record a payment (the case type names supervisor and data clerk)
    with pytest.raises(CaseForbidden):
        enforcement_record_outcome(
            case=case,
            action_id=fine.pk,
            status="paid",
            actor=people["labour_bg"],
            amount_iqd=1,
            receipt_number="R",
        )
    assert _snapshot(fine) == before
    response = client.post(
        reverse("ecms_cases:enforcement_outcome", args=[case.reference, fine.pk]),
        {
            f"o{fine.pk}-status": "paid",
            f"o{fine.pk}-amount_iqd": "750000",
            f"o{fine.pk}-paid_on": timezone.localdate().isoformat(),
            f"o{fine.pk}-receipt_number": "RCPT-5521",
        },
    )
    assert response.status_code == 302
    fine.refresh_from_db()
    paid = fine.outcomes.get(status=Status.PAID)
    assert fine.status == Status.PAID and paid.receipt_number == "RCPT-5521" and paid.amount_iqd == 750000
    assert case.events.filter(kind=CaseEvent.Kind.ENFORCEMENT_OUTCOME, data__status="paid").exists()
    # an impossible change: a paid fine cannot be marked not complied
    before = _snapshot(fine)
    with pytest.raises(CaseConflict):
        enforcement_record_outcome(case=case, action_id=fine.pk, status="not_complied", actor=supervisor)
    assert _snapshot(fine) == before
    page = _page(client, case).content.decode()
    assert "RCPT-5521" in page and fine.notice_number in page


def test_cancelling_needs_a_reason(people, factory):
    case, violations = _visited(people, factory)
    warning = enforcement_issue(case=case, kind="warning", actor=people["supervisor_bg"])
    before = _snapshot(warning)
    with pytest.raises(CaseInvalid):
        enforcement_record_outcome(
            case=case, action_id=warning.pk, status="cancelled", actor=people["supervisor_bg"]
        )
    assert _snapshot(warning) == before
    enforcement_record_outcome(
        case=case,
        action_id=warning.pk,
        status="cancelled",
        actor=people["supervisor_bg"],
        note="Issued in error",
    )
    assert set(enforcement_allowed_next(case)) >= {"advice", "warning", "improvement_notice"}


def test_missed_deadline_proposes_the_next_rung_to_the_supervisor_who_confirms_it(people, factory, client):
    case, violations = _visited(people, factory)
    supervisor = people["supervisor_bg"]
    warning = enforcement_issue(
        case=case, kind="warning", actor=supervisor, violations=violations, due_date=timezone.localdate()
    )
    assert enforcement_overdue_sweep() == 0, "not yet past its deadline"
    assert enforcement_overdue_sweep(today=timezone.localdate() + timedelta(days=1)) == 1
    assert enforcement_overdue_sweep(today=timezone.localdate() + timedelta(days=1)) == 0, "proposed once"
    proposal = warning.followed_by.get()
    assert proposal.kind == "improvement_notice" and proposal.status == Status.PROPOSED
    assert not proposal.notice_number and set(proposal.violations.all()) == set(violations)
    told = Notification.objects.filter(case=case, recipient_user=supervisor)
    assert told.exists(), "the supervisor is notified"
    client.force_login(in_english(supervisor))
    page = _page(client, case).content.decode()
    assert "Confirm this proposal" in page
    response = client.post(
        reverse("ecms_cases:enforcement_confirm", args=[case.reference, proposal.pk]),
        {f"c{proposal.pk}-due_date": (timezone.localdate() + timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ISSUED and proposal.issued_by == supervisor
    assert proposal.notice_number.startswith("IMP-")
    assert [o.status for o in proposal.outcomes.all()] == [Status.PROPOSED, Status.ISSUED]


def test_a_proposal_rejected_needs_its_reason(people, factory, client):
    case, violations = _visited(people, factory)
    supervisor = people["supervisor_bg"]
    warning = enforcement_issue(case=case, kind="warning", actor=supervisor)
    enforcement_record_outcome(case=case, action_id=warning.pk, status="not_complied", actor=supervisor)
    proposal = warning.followed_by.get()
    client.force_login(in_english(supervisor))
    url = reverse("ecms_cases:enforcement_reject", args=[case.reference, proposal.pk])
    before = _snapshot(proposal)
    client.post(url, {f"r{proposal.pk}-reason": ""})
    assert _snapshot(proposal) == before
    client.post(url, {f"r{proposal.pk}-reason": "Corrected meanwhile, verified by phone."})
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED


@pytest.mark.parametrize(
    ("key", "inspector"), [("labour_inspection", "labour_bg"), ("osh_inspection", "osh_bg")]
)
def test_entry_refused_opens_an_enforcement_proposal_and_the_case_continues(people, factory, key, inspector):
    case = _inspection(people, factory, key, inspector)
    transition(
        case,
        "record_entry_refused",
        people[inspector],
        data={"refusal_reason": "The gate was kept closed for an hour.", "refused_by": "The site manager"},
    )
    case.refresh_from_db()
    assert case.state == "obstructed"
    proposal = EnforcementAction.objects.get(case=case)
    assert proposal.status == Status.PROPOSED and proposal.kind == "court_referral"
    assert "The site manager" in proposal.reason
    assert Notification.objects.filter(case=case, recipient_user=people["supervisor_bg"]).exists()
    transition(
        case,
        "reschedule_visit",
        people[inspector],
        data={
            "visit_date": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "reschedule_reason": "The employer agreed to open the site on a new date.",
        },
    )
    case.refresh_from_db()
    assert case.state == "scheduled"


def test_entry_refused_without_the_form_is_refused_and_changes_nothing(people, factory):
    case = _inspection(people, factory)
    events = case.events.count()
    with pytest.raises(CaseInvalid):
        transition(case, "record_entry_refused", people["labour_bg"], data={})
    case.refresh_from_db()
    assert case.state == "scheduled" and case.events.count() == events
    assert not EnforcementAction.objects.filter(case=case).exists()


def test_a_stop_order_at_the_first_rung_needs_its_reason(people, factory):
    case = _inspection(people, factory, "osh_inspection", "osh_bg")
    supervisor = people["supervisor_bg"]
    assert "stop_order" in enforcement_allowed_next(case)
    with pytest.raises(CaseInvalid) as refused:
        enforcement_issue(case=case, kind="stop_order", actor=supervisor)
    assert refused.value.errors[0]["field"] == "reason"
    assert not EnforcementAction.objects.filter(case=case).exists()
    assert not case.events.filter(kind=CaseEvent.Kind.ENFORCEMENT).exists()
    order = enforcement_issue(
        case=case, kind="stop_order", actor=supervisor, reason="Scaffold collapsing over the loading bay."
    )
    assert order.notice_number.startswith("STP-") and order.reason
    assert enforcement_allowed_next(case)[:3] == ["advice", "warning", "improvement_notice"], (
        "a stop order stops the work, not the ladder: the first rung is still open"
    )
    referral = enforcement_issue(
        case=case, kind="court_referral", actor=supervisor, reason="Repeated refusal to stop work."
    )
    assert referral.status == Status.ISSUED


def test_notices_print_in_arabic_and_english(people, factory, client):
    case, violations = _visited(people, factory)
    supervisor = people["supervisor_bg"]
    supervisor.first_name, supervisor.last_name = "Salim", "Hadi"
    supervisor.save()
    enforcement_issue(case=case, kind="warning", actor=supervisor, violations=violations)
    fine = enforcement_issue(
        case=case,
        kind="fine",
        actor=supervisor,
        violations=violations,
        amount_iqd=1500000,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(in_english(supervisor))
    url = reverse("ecms_cases:print_notice", args=[case.reference, fine.pk])
    english = client.get(url + "?lang=en").content.decode()
    arabic = client.get(url + "?lang=ar").content.decode()
    for page in (english, arabic):
        assert fine.notice_number in page and "1,500,000" in page and "Salim Hadi" in page
    assert "One million five hundred thousand" in english or "one million five hundred thousand" in english
    assert "You are fined" in english or "you are fined" in english
    assert "Object by" in english and "article to be confirmed" in english
    assert "مليون" in arabic and 'lang="ar"' in arabic and "تُفرض عليكم غرامة" in arabic
    citation = violations[0].provision
    assert citation is not None
