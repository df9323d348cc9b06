"""Open cases move to a newer version of their form only when asked, case by case, with a report; nothing
moves silently and nothing is lost. Before publishing, the editor's "What changes" preview says what changes
and how many open cases use the version published now."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.audit import verify_case
from cases.errors import CaseInvalid
from cases.models import Case, CaseEvent
from cases.services import case_open
from cases.services.form_moves import form_cases_move, renames_parse
from forms_builder.models import FormDefinition
from forms_builder.services import form_definition_publish
from tests.factories import in_english
from tests.schemes.helpers import GRIEVANCE, case_type


def _complaints(n: int) -> list[Case]:
    return [
        case_open(case_type=case_type("grievance"), data=dict(GRIEVANCE), language="en").case
        for _ in range(n)
    ]


def _publish_v2(*, rename=("description", "details"), remove=("still_employed", "complainant_role")):
    """The administrator renames one field's key and removes another, then publishes."""
    definition = FormDefinition.objects.get(key="grievance_intake")
    raw = copy.deepcopy(list(definition.fields.raw_data))
    raw = [block for block in raw if block["value"].get("key") not in remove]
    for block in raw:
        if block["value"].get("key") == rename[0]:
            block["value"]["key"] = rename[1]
    definition.fields = raw
    return form_definition_publish(definition=definition)


@pytest.fixture
def admin(client, make_user, shipped):
    user = in_english(make_user("ministry_admin", username="forms_admin", language="en"))
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_open_cases_move_only_when_asked_with_renames_and_the_dropped_answers_kept(admin, shipped):
    open_case, other, closed = _complaints(3)
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    v1 = open_case.form_version
    v2 = _publish_v2()
    assert v2.number == v1.number + 1
    open_case.refresh_from_db()
    assert open_case.form_version == v1, "publishing moves nothing"

    checked = form_cases_move(
        form_key="grievance_intake",
        renames={"description": "details"},
        actor=admin,
        language="en",
        apply=False,
    )
    assert [m.case.pk for m in checked] == [open_case.pk, other.pk], "open cases only, closed ones stay"
    assert all(not m.moved and not m.problems for m in checked)
    assert checked[0].dropped == ["complainant_role"]
    assert Case.objects.get(pk=open_case.pk).form_version == v1, "a check changes nothing"

    moved = form_cases_move(
        form_key="grievance_intake",
        renames={"description": "details"},
        actor=admin,
        language="en",
        apply=True,
    )
    assert all(m.moved for m in moved)
    open_case.refresh_from_db()
    assert open_case.form_version == v2
    assert open_case.data["details"] == GRIEVANCE["description"] and "description" not in open_case.data
    assert "complainant_role" not in open_case.data
    event = open_case.events.get(kind=CaseEvent.Kind.FORM_MIGRATED)
    assert event.actor == admin
    assert event.data["from_version"] == v1.number and event.data["to_version"] == v2.number
    assert event.data["renamed"] == {"description": "details"}
    assert event.data["dropped"] == {"complainant_role": "worker"}, "the answer is kept in the event"
    assert verify_case(open_case) == [], "the audit chain accounts for the new data"
    assert Case.objects.get(pk=closed.pk).form_version == v1


@pytest.mark.django_db
def test_a_case_that_would_not_be_valid_stays_with_the_reasons(admin, shipped):
    (case,) = _complaints(1)
    _publish_v2()
    moves = form_cases_move(form_key="grievance_intake", renames={}, actor=admin, language="en", apply=True)
    assert not moves[0].moved
    assert any("(details)" in problem for problem in moves[0].problems), moves[0].problems
    case.refresh_from_db()
    assert case.form_version.number == 1 and not case.events.filter(kind=CaseEvent.Kind.FORM_MIGRATED)


@pytest.mark.django_db
def test_bad_renames_are_refused_with_the_reason(admin, shipped):
    _publish_v2()
    with pytest.raises(CaseInvalid, match="Line 1"):
        renames_parse("description details")
    with pytest.raises(CaseInvalid, match="ghost"):
        form_cases_move(
            form_key="grievance_intake",
            renames={"description": "ghost"},
            actor=admin,
            language="en",
            apply=False,
        )
    with pytest.raises(CaseInvalid, match="confidential"):
        form_cases_move(
            form_key="grievance_intake",
            renames={"name": "full_name"},
            actor=admin,
            language="en",
            apply=False,
        )


@pytest.mark.django_db
def test_the_admin_screen_checks_then_moves_and_others_are_refused(client, admin, people):
    (case,) = _complaints(1)
    _publish_v2()
    listing = client.get(reverse("wagtailsnippets_forms_builder_formdefinition:list"))
    url = reverse("ecms_cases:form_move", args=["grievance_intake"])
    assert url in listing.content.decode(), "the forms' listing offers the move"
    page = client.post(url, {"renames": "description = details", "check": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and case.reference in html and "Can move" in html and "Move 1 case" in html
    assert Case.objects.get(pk=case.pk).form_version.number == 1
    page = client.post(url, {"renames": "description = details", "move": "1"})
    assert "Moved" in page.content.decode() and "1 of 1 open cases moved." in page.content.decode()
    assert Case.objects.get(pk=case.pk).form_version.number == 2
    bad = client.post(url, {"renames": "description details", "check": "1"})
    assert bad.status_code == 200 and "write a rename as old_key = new_key" in bad.content.decode()

    client.force_login(people["supervisor_bg"])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"renames": "", "move": "1"}).status_code in (302, 403)


@pytest.mark.django_db
def test_what_changes_is_previewed_before_publishing_with_the_open_cases_counted(client, admin, shipped):
    from tests.admin_posts import screen_inputs, stream_post_data

    _complaints(2)
    definition = FormDefinition.objects.get(key="grievance_intake")
    edit = reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[definition.pk])
    data = {
        k: v
        for k, v in screen_inputs(client.get(edit).content.decode()).items()
        if not k.startswith("fields-")
    }
    raw = [b for b in definition.fields.raw_data if b["value"].get("key") != "still_employed"]
    definition.fields = raw
    data.update(stream_post_data("fields", FormDefinition._meta.get_field("fields"), definition.fields))
    data["title_en"] = "Complaint, edited"
    preview = reverse("wagtailsnippets_forms_builder_formdefinition:preview_on_edit", args=[definition.pk])
    assert client.post(preview, data).json()["is_valid"]
    html = client.get(preview, {"mode": "changes"}).content.decode()
    assert "Fields removed (1)" in html and "still_employed" in html
    assert "title changes." in html, html[html.find("<main") :][:3000]
    assert "2 open cases use the version published now." in html
