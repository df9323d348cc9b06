"""The shipped forms and workflows, opened in the admin's own edit screens, changed once and saved: accepted.

The first wave's seeded complaint form could not be republished after one edit (27 x "This field is required."
from empty condition rows the YAML loader had created). These tests post each shipped definition back as the
admin's script would, with one change, and expect it published.
"""

import pytest
from django.urls import reverse

from cases.models import Workflow
from forms_builder.models import FormDefinition
from forms_builder.selectors import form_version_current
from tests.admin_posts import screen_inputs, stream_post_data
from tests.factories import in_english

FORM_EDIT = "wagtailsnippets_forms_builder_formdefinition:edit"


@pytest.fixture
def admin(client, make_user, shipped):
    client.force_login(
        in_english(make_user("ministry_admin", username="shipped_admin", is_superuser=True, language="en"))
    )
    return client


def _form_post(client, definition: FormDefinition, **changes) -> dict:
    page = client.get(reverse(FORM_EDIT, args=[definition.pk]))
    assert page.status_code == 200
    data = screen_inputs(page.content.decode())
    data = {k: v for k, v in data.items() if not k.startswith("fields-")}
    data.update(stream_post_data("fields", FormDefinition._meta.get_field("fields"), definition.fields))
    data.update(changes)
    return data


def _stored_condition_rows(definition: FormDefinition) -> list:
    rows = []
    for child in definition.fields:
        for name in ("visible_if", "required_if"):
            condition = child.value.get(name) if hasattr(child.value, "get") else None
            if condition:
                rows += [rule for rule in condition["rules"] if not rule.get("field")]
    return rows


@pytest.mark.django_db
def test_loading_yaml_creates_no_empty_condition_rows(shipped):
    for definition in FormDefinition.objects.all():
        assert _stored_condition_rows(definition) == [], definition.key


@pytest.mark.django_db
def test_every_shipped_form_is_republished_after_one_edit(admin):
    for definition in FormDefinition.objects.order_by("key"):
        key = definition.key
        before = form_version_current(key=key).number
        data = _form_post(
            admin, definition, **{"action-publish": "action-publish", "title_en": f"Edited {key}"}
        )
        response = admin.post(reverse(FORM_EDIT, args=[definition.pk]), data)
        assert response.status_code == 302, (key, _errors(response))
        assert form_version_current(key=key).number == before + 1, key
        assert form_version_current(key=key).ui["title"]["en"] == f"Edited {key}"


@pytest.mark.django_db
def test_an_empty_condition_row_left_in_the_editor_is_ignored_not_an_error(admin):
    definition = FormDefinition.objects.get(key="grievance_intake")
    data = _form_post(admin, definition, **{"action-publish": "action-publish"})
    # The editor added a rule to the first field's condition and left it empty.
    data.update(
        {
            "fields-0-value-visible_if-rules-count": "1",
            "fields-0-value-visible_if-rules-0-id": "",
            "fields-0-value-visible_if-rules-0-deleted": "",
            "fields-0-value-visible_if-rules-0-order": "0",
            "fields-0-value-visible_if-rules-0-value-field": "",
            "fields-0-value-visible_if-rules-0-value-operator": "equals",
            "fields-0-value-visible_if-rules-0-value-value": "",
        }
    )
    response = admin.post(reverse(FORM_EDIT, args=[definition.pk]), data)
    assert response.status_code == 302, _errors(response)
    definition.refresh_from_db()
    assert _stored_condition_rows(definition) == []


@pytest.mark.django_db
def test_a_wrong_condition_is_named_by_the_field_and_placed_at_its_block(admin):
    definition = FormDefinition.objects.get(key="grievance_intake")
    data = _form_post(admin, definition, **{"action-publish": "action-publish"})
    keys = [child.value["key"] for child in definition.fields]
    index = keys.index("phone")
    prefix = f"fields-{index}-value-visible_if-rules"
    data.update(
        {
            f"{prefix}-count": "1",
            f"{prefix}-0-id": "",
            f"{prefix}-0-deleted": "",
            f"{prefix}-0-order": "0",
            f"{prefix}-0-value-field": "anonymus",
            f"{prefix}-0-value-operator": "equals",
            f"{prefix}-0-value-value": "no",
        }
    )
    response = admin.post(reverse(FORM_EDIT, args=[definition.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    label = definition.fields[index].value["label"]["en"]
    message = f"Field &#x27;{label}&#x27; (phone): the condition refers to a field that does not exist"
    assert message in html, "the summary names the field by its label and key"
    errors = response.context["form"].errors["fields"].as_data()[0]
    assert index in errors.block_errors, "the error sits at the field's own block"
    assert "anonymus" in str(errors.block_errors[index].non_block_errors)


def _errors(response) -> str:
    form = response.context and response.context.get("form")
    return str(form.errors if form is not None else response.content[:3000])


def _workflow_post(client, workflow) -> tuple[str, dict]:
    url = reverse("wagtailsnippets_cases_workflow:edit", args=[workflow.pk])
    data = screen_inputs(client.get(url).content.decode())
    actions_field = workflow.transitions.model._meta.get_field("actions")
    on_open = Workflow._meta.get_field("on_open_actions")
    data.update(stream_post_data("on_open_actions", on_open, workflow.on_open_actions))
    for i in range(int(data["transitions-TOTAL_FORMS"])):
        transition = workflow.transitions.get(pk=data[f"transitions-{i}-id"])
        data = {k: v for k, v in data.items() if not k.startswith(f"transitions-{i}-actions-")}
        data.update(stream_post_data(f"transitions-{i}-actions", actions_field, transition.actions))
    return url, data


@pytest.mark.django_db
def test_every_shipped_workflow_saves_after_one_time_limit_change(admin):
    for workflow in Workflow.objects.order_by("key"):
        before = {t.key: (t.from_state_keys, t.to_state, t.role_keys) for t in workflow.transitions.all()}
        url, data = _workflow_post(admin, workflow)
        index = next(i for i in range(int(data["states-TOTAL_FORMS"])) if data.get(f"states-{i}-sla_hours"))
        state_key = data[f"states-{index}-key"]
        data[f"states-{index}-sla_hours"] = str(int(data[f"states-{index}-sla_hours"]) + 24)
        response = admin.post(url, data)
        assert response.status_code == 302, (workflow.key, _errors(response))
        assert workflow.states.get(key=state_key).sla_hours == int(data[f"states-{index}-sla_hours"])
        after = {t.key: (t.from_state_keys, t.to_state, t.role_keys) for t in workflow.transitions.all()}
        assert after == before, workflow.key


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["grievance", "labour_inspection"])
def test_a_shipped_case_type_saves_through_its_screen_with_its_roles_chosen_from_lists(admin, key):
    from cases.models import CaseType

    case_type = CaseType.objects.get(key=key)
    before = {
        f: getattr(case_type, f)
        for f in ("staff_roles", "restricted_role", "intake_roles", "escalation_role")
    }
    url = reverse("wagtailsnippets_cases_casetype:edit", args=[case_type.pk])
    page = admin.get(url).content.decode()
    assert 'type="checkbox" name="staff_roles" value="supervisor"' in page, "roles are ticked, not typed"
    data = screen_inputs(page)
    response = admin.post(url, data)
    assert response.status_code == 302, _errors(response)
    case_type.refresh_from_db()
    after = {f: getattr(case_type, f) for f in before}
    assert after == before, "saving through the screen changes nothing, the roles' order included"
