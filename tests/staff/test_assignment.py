"""One meaning of "assign": assign to me, the workflow's assign step and assignment by rule agree; a case in
a state that needs an assignee always has one; steps on an assigned case belong to its assignee (and to
supervisors); the assignee list offers only people who can work the case."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.errors import CaseConflict, CaseForbidden
from cases.models import CaseEvent, Notification
from cases.services import case_assign, transition
from tests.staff.conftest import days_ahead, open_inspection

pytestmark = pytest.mark.django_db


def test_an_inspector_takes_an_unassigned_case_with_assign_to_me(client, people, factory):
    case = open_inspection(people, factory, assign=False)
    inspector = people["labour_bg"]
    client.force_login(inspector)
    page = client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()
    take = reverse("ecms_cases:take", args=[case.reference])
    assert take in page, "Assign to me is offered to someone who can work the case"
    assert client.post(take).status_code == 302
    case.refresh_from_db()
    assert case.assignee == inspector
    event = case.events.filter(kind=CaseEvent.Kind.ASSIGNMENT).last()
    assert event.actor == inspector and event.data["to"] == inspector.username
    assert take not in client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()


def test_someone_who_cannot_work_the_case_cannot_take_it(people, factory, make_user):
    case = open_inspection(people, factory, assign=False)
    grm = people["grm_bg"]  # sees no inspections
    with pytest.raises(Exception):  # noqa: B017 - not found or forbidden, the same refusal
        case_assign(case=case, assignee=grm, actor=grm)
    case.refresh_from_db()
    assert case.assignee is None


def test_the_assign_step_that_finds_nobody_leaves_the_case_unassigned_and_says_so(
    client, people, basra_people, basra_factory
):
    supervisor = basra_people["supervisor_ba"]
    basra_people["labour_ba"].is_active = False
    basra_people["labour_ba"].save()
    case = open_inspection({"supervisor_ba": supervisor}, basra_factory, governorate="IQ-BA", assign=False)
    with translation.override("en"), pytest.raises(CaseConflict) as refused:
        transition(case, "assign", supervisor)
    assert refused.value.code == "assignee_required" and "Nobody could be assigned" in refused.value.message
    case.refresh_from_db()
    assert case.state == "planned" and case.assignee is None, "still in the unassigned queue"
    client.force_login(supervisor)
    refused_page = client.post(reverse("ecms_cases:transition", args=[case.reference, "assign"]), {})
    assert refused_page.status_code == 400
    case.refresh_from_db()
    assert case.state == "planned" and case.assignee is None


def test_the_assign_step_takes_the_person_the_supervisor_chose(client, people, factory, make_user):
    other = make_user("labour_inspector", governorates=("IQ-BG",), username="li_bg_2")
    case = open_inspection(people, factory, assign=False)
    client.force_login(people["supervisor_bg"])
    url = reverse("ecms_cases:transition", args=[case.reference, "assign"])
    form = client.get(url).content.decode()
    assert "li_bg_2" in form or "li_bg" in form, "the step offers the people who can work the case"
    assert client.post(url, {"assignee": other.pk}).status_code == 302
    case.refresh_from_db()
    assert case.state == "assigned" and case.assignee == other, "the rule does not overrule the choice"


def test_a_case_in_a_state_that_needs_an_assignee_cannot_be_left_with_nobody(people, factory):
    case = open_inspection(people, factory)
    assert case.state == "assigned" and case.assignee == people["labour_bg"]
    with pytest.raises(CaseConflict):
        case_assign(case=case, assignee=None, actor=people["supervisor_bg"])
    case.refresh_from_db()
    assert case.assignee == people["labour_bg"]


def test_steps_on_an_assigned_case_belong_to_its_assignee_and_supervisors(client, people, factory, make_user):
    colleague = make_user("labour_inspector", governorates=("IQ-BG",), username="li_bg_colleague")
    case = open_inspection(people, factory)
    assert case.assignee == people["labour_bg"]
    client.force_login(colleague)
    url = reverse("ecms_cases:transition", args=[case.reference, "schedule_visit"])
    assert url not in client.get(reverse("ecms_cases:detail", args=[case.reference])).content.decode()
    assert client.get(url).status_code == 403
    with pytest.raises(CaseForbidden):
        transition(case, "schedule_visit", colleague, data={"visit_date": days_ahead(3)})
    transition(case, "schedule_visit", people["supervisor_bg"], data={"visit_date": days_ahead(3)})
    case.refresh_from_db()
    assert case.state == "scheduled"


def test_the_assignee_list_offers_only_people_who_can_work_the_case(client, people, factory, basra_people):
    case = open_inspection(people, factory, assign=False)
    client.force_login(people["supervisor_bg"])
    names = {p["username"] for p in client.get(f"/api/v1/cases/{case.reference}/assignees/").json()}
    assert "li_bg" in names and "sup_bg" in names
    assert not names & {"li_ba", "sup_ba", "grm_bg", "osh_bg"}, "other governorates and roles are not offered"
    refused = client.post(
        f"/api/v1/cases/{case.reference}/assign/", {"assignee": "li_ba"}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "assignee"


def test_a_rule_that_finds_nobody_tells_the_supervisors(people, basra_people, basra_factory):
    from cases import actions

    basra_people["labour_ba"].is_active = False
    basra_people["labour_ba"].save()
    case = open_inspection(
        {"supervisor_ba": basra_people["supervisor_ba"]}, basra_factory, governorate="IQ-BA", assign=False
    )
    actions.get("assign_by_rule").run(
        actions.ActionContext(case=case, actor=None, params={"role": "labour_inspector"})
    )
    told = Notification.objects.filter(case=case, recipient_user=basra_people["supervisor_ba"])
    assert told.count() == 1 and case.reference in told.get().subject
    assert not Notification.objects.filter(case=case, recipient_user=people["supervisor_bg"]).exists()
