"""The staff API's enforcement on the shipped configuration: issue → not complied (a proposal) → confirmed
with its amount → paid with its receipt; proposals rejected; junk input refused with nothing changed; another
governorate's user sees nothing. The same services as the staff screens decide (tests/schemes/)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from cases.models import CaseEvent, EnforcementAction, Violation
from cases.services import case_open, transition
from registry.models import LegalProvision
from tests.schemes.helpers import case_type, checklist_answers

pytestmark = pytest.mark.django_db
Status = EnforcementAction.Status


def _visited(people, factory):
    """A planned labour inspection at the factory, visited: two violations found."""
    plan = {
        "establishment": {"id": factory.pk},
        "governorate": "IQ-BG",
        "origin": "planned",
        "planned_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    supervisor, inspector = people["supervisor_bg"], people["labour_bg"]
    case = case_open(
        case_type=case_type("labour_inspection"), data=plan, language="ar", actor=supervisor, channel="staff"
    ).case
    transition(case, "assign", supervisor)
    visit = {"visit_date": (timezone.localdate() + timedelta(days=3)).isoformat()}
    transition(case, "schedule_visit", inspector, data=visit)
    transition(case, "record_visit", inspector, data=checklist_answers("labour_inspection_checklist"))
    return case, list(Violation.objects.filter(case=case))


class Api:
    """A client speaking JSON to the case's enforcement endpoints as one user (a token, or a session)."""

    def __init__(self, client, user, case, *, token=False):
        self.client, self.case = client, case
        self.headers = {"accept-language": "en"}
        if token:
            self.headers["authorization"] = f"Token {Token.objects.get_or_create(user=user)[0].key}"
        else:
            client.force_login(user)

    def url(self, action=None, step=""):
        base = f"/api/v1/cases/{self.case.reference}/enforcement-actions/"
        return base if action is None else f"{base}{action}/{step}"

    def get(self, action=None):
        return self.client.get(self.url(action), headers=self.headers)

    def post(self, body, action=None, step=""):
        return self.client.post(
            self.url(action, step), body, content_type="application/json", headers=self.headers
        )


def _snapshot(case):
    """Everything a refusal must leave alone: each action's status, amount and notice, every history step,
    the timeline."""
    actions = list(
        EnforcementAction.objects.filter(case=case).order_by("pk").values_list("pk", "status", "amount_iqd")
    )
    steps = EnforcementAction.objects.filter(case=case).values_list("outcomes__pk", flat=True)
    return actions, sorted(pk for pk in steps if pk), case.events.count()


def _fields(response):
    return {error["field"] for error in response.json()["errors"]}


def test_issue_not_complied_confirm_and_pay_through_the_api(people, factory, client):
    case, violations = _visited(people, factory)
    supervisor = Api(client, people["supervisor_bg"], case, token=True)
    issued = supervisor.post(
        {
            "kind": "improvement_notice",
            "violations": [v.pk for v in violations],
            "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        }
    )
    assert issued.status_code == 201, issued.content
    notice = issued.json()
    assert notice["status"] == "issued" and notice["notice_number"].startswith("IMP-")
    assert notice["proposal"] is False and [s["status"] for s in notice["history"]] == ["issued"]
    assert {"complied", "not_complied", "cancelled"} <= set(notice["next_outcomes"])

    # The inspector records it not complied with: the ladder's next step is proposed to the supervisor.
    inspector = Api(client, people["labour_bg"], case, token=True)
    assert "cancelled" not in inspector.get(notice["id"]).json()["next_outcomes"], "the supervisor's"
    response = inspector.post(
        {"status": "not_complied", "note": "Not corrected at follow-up"}, notice["id"], "outcomes/"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "not_complied" and body["history"][-1]["actor"] == "li_bg"
    (proposal_id,) = body["followed_by"]
    proposal = inspector.get(proposal_id).json()
    assert proposal["proposal"] is True and proposal["kind"] == "fine" and not proposal["notice_number"]
    assert proposal["decisions"] == [] and proposal["next_outcomes"] == []
    before = _snapshot(case)
    refused = inspector.post({"amount_iqd": 750000}, proposal_id, "confirm/")
    assert refused.status_code == 403 and _snapshot(case) == before

    listed = {a["id"]: a for a in supervisor.get().json()}
    assert listed[proposal_id]["decisions"] == ["confirm", "reject"]
    # A fine confirmed without an amount is refused; with it, issued with its notice number.
    refused = supervisor.post({}, proposal_id, "confirm/")
    assert refused.status_code == 400 and _fields(refused) == {"amount_iqd"} and _snapshot(case) == before
    basis = LegalProvision.objects.order_by("pk").first()
    confirmed = supervisor.post(
        {"amount_iqd": "750000", "penalty_provision": basis.key, "notes": "Second notice ignored."},
        proposal_id,
        "confirm/",
    )
    assert confirmed.status_code == 200, confirmed.content
    fine = confirmed.json()
    assert fine["status"] == "issued" and fine["notice_number"].startswith("FIN-")
    assert fine["amount_iqd"] == "750000" and fine["penalty_provision"] == basis.key
    assert [s["status"] for s in fine["history"]] == ["proposed", "issued"] and fine["issued_by"] == "sup_bg"
    assert supervisor.post({"amount_iqd": 1}, proposal_id, "confirm/").status_code == 409, "issued once"

    # Paid: the inspector may not record it (the case type names supervisors and data clerks).
    payment = {
        "status": "paid",
        "amount_iqd": 750000,
        "paid_on": timezone.localdate().isoformat(),
        "receipt_number": "RCPT-5521",
    }
    before = _snapshot(case)
    assert "paid" not in inspector.get(proposal_id).json()["next_outcomes"]
    assert inspector.post(payment, proposal_id, "outcomes/").status_code == 403
    refused = supervisor.post({**payment, "receipt_number": " "}, proposal_id, "outcomes/")
    assert refused.status_code == 400 and _fields(refused) == {"receipt_number"}
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    refused = supervisor.post({**payment, "paid_on": future}, proposal_id, "outcomes/")
    assert refused.status_code == 400 and _fields(refused) == {"paid_on"}
    assert _snapshot(case) == before
    paid = supervisor.post(payment, proposal_id, "outcomes/")
    assert paid.status_code == 200, paid.content
    step = paid.json()["history"][-1]
    assert paid.json()["status"] == "paid" and paid.json()["next_outcomes"] == []
    assert step["receipt_number"] == "RCPT-5521" and step["amount_iqd"] == "750000"
    assert case.events.filter(kind=CaseEvent.Kind.ENFORCEMENT_OUTCOME, data__status="paid").exists()

    # An impossible change is a conflict, and changes nothing.
    before = _snapshot(case)
    conflict = supervisor.post({"status": "not_complied"}, proposal_id, "outcomes/")
    assert conflict.status_code == 409 and conflict.json()["errors"][0]["code"] == "outcome"
    assert _snapshot(case) == before
    detail = client.get(f"/api/v1/cases/{case.reference}/", headers=supervisor.headers).json()
    shown = {a["id"]: a for a in detail["enforcement_actions"]}
    assert shown[proposal_id]["history"][-1]["receipt_number"] == "RCPT-5521"
    assert shown[notice["id"]]["followed_by"] == [proposal_id]


def _proposal(people, factory, client):
    case, _violations = _visited(people, factory)
    supervisor = Api(client, people["supervisor_bg"], case)
    warning = supervisor.post({"kind": "warning"}).json()
    moved = supervisor.post({"status": "not_complied"}, warning["id"], "outcomes/")
    assert moved.status_code == 200, moved.content
    (proposal_id,) = moved.json()["followed_by"]
    return case, supervisor, proposal_id


def test_a_proposal_rejected_with_its_reason_and_never_without(people, factory, client):
    case, supervisor, proposal_id = _proposal(people, factory, client)
    before = _snapshot(case)
    for body in ({}, {"reason": ""}, {"reason": "   "}):
        refused = supervisor.post(body, proposal_id, "reject/")
        assert refused.status_code == 400 and _fields(refused) == {"reason"}, body
    assert _snapshot(case) == before
    rejected = supervisor.post({"reason": "Corrected meanwhile, verified by phone."}, proposal_id, "reject/")
    assert rejected.status_code == 200, rejected.content
    body = rejected.json()
    assert body["status"] == "rejected" and body["proposal"] is False and body["decisions"] == []
    assert body["history"][-1]["note"] == "Corrected meanwhile, verified by phone."
    before = _snapshot(case)
    assert supervisor.post({"reason": "again"}, proposal_id, "reject/").status_code == 409
    assert supervisor.post({}, proposal_id, "confirm/").status_code == 409
    assert _snapshot(case) == before


def test_junk_input_is_a_clear_400_and_changes_nothing(people, factory, client):
    case, supervisor, proposal_id = _proposal(people, factory, client)
    warning_id = EnforcementAction.objects.get(case=case, kind="warning").pk
    impossible = f"{timezone.localdate().year}-02-30"
    before = _snapshot(case)
    junk = [
        (warning_id, "outcomes/", {"status": "complied", "by_the_way": 1}, "by_the_way"),
        (warning_id, "outcomes/", {"status": "complied", "note": "ok\x00 then"}, None),  # the parser's
        (warning_id, "outcomes/", {"status": "bogus"}, "status"),
        (
            warning_id,
            "outcomes/",
            {"status": "paid", "amount_iqd": "a lot", "receipt_number": "R"},
            "amount_iqd",
        ),
        (warning_id, "outcomes/", {"status": "paid", "amount_iqd": -5, "receipt_number": "R"}, "amount_iqd"),
        (
            warning_id,
            "outcomes/",
            {"status": "paid", "paid_on": impossible, "receipt_number": "R"},
            "paid_on",
        ),
        (warning_id, "outcomes/", ["complied"], None),
        (proposal_id, "confirm/", {"due_date": impossible}, "due_date"),
        (proposal_id, "confirm/", {"amount_iqd": "NaN"}, "amount_iqd"),
        (proposal_id, "confirm/", {"penalty_provision": "no-such-article"}, "penalty_provision"),
        (proposal_id, "confirm/", {"issued_by": "sup_bg"}, "issued_by"),
        (proposal_id, "reject/", {"reason": "no\x00"}, None),
        (None, "", {"kind": "warning", "amount_iqd": -1}, "amount_iqd"),
        (None, "", {"kind": "nonsense"}, "kind"),
    ]
    for action, step, body, field in junk:
        response = supervisor.post(body, action, step)
        assert response.status_code == 400, (body, response.content)
        assert field is None or field in _fields(response), (body, response.json())
    assert _snapshot(case) == before
    assert supervisor.post({"status": "complied"}, 2**40, "outcomes/").status_code == 404
    # A payment on a warning: a conflict (only fines are paid), nothing changes.
    paid = {"status": "paid", "amount_iqd": 5, "receipt_number": "R"}
    assert supervisor.post(paid, warning_id, "outcomes/").status_code == 409
    assert _snapshot(case) == before


def test_another_governorates_user_gets_404_and_changes_nothing(people, factory, client, make_user):
    case, _supervisor, proposal_id = _proposal(people, factory, client)
    client.logout()
    basra = Api(client, make_user("supervisor", governorates=("IQ-BA",)), case, token=True)
    before = _snapshot(case)
    assert basra.get().status_code == 404
    assert basra.get(proposal_id).status_code == 404
    assert basra.post({"kind": "warning"}).status_code == 404
    for step, body in (
        ("outcomes/", {"status": "cancelled", "note": "x"}),
        ("confirm/", {"amount_iqd": 1000}),
        ("reject/", {"reason": "x"}),
    ):
        assert basra.post(body, proposal_id, step).status_code == 404, step
    assert _snapshot(case) == before
