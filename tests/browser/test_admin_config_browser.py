"""A ministry administrator (not a programmer) changes the shipped configuration in a real browser: adds
a field whose condition is chosen from a list to the seeded complaint form and publishes it; changes a time
limit on the seeded grievance workflow and saves it. Screenshots go to test-artifacts/screenshots/ (and, with
ECMS_DOC_SCREENSHOTS=1, to docs/images/admin/ for docs/forms.md and docs/workflows.md)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "admin"


def shot(page, name):
    screenshot(page, name)
    if os.environ.get("ECMS_DOC_SCREENSHOTS"):
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(SCREENSHOTS / f"{name}.png", DOC_IMAGES / f"{name}.png")


@pytest.fixture
def admin_site(transactional_db, live_server):
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from accounts.models import User
    from accounts.services import roles_load
    from core.configs import default_config_dir, load_configs, read_yaml
    from registry.services import reference_data_load

    reference_data_load()
    load_configs()
    roles_path = default_config_dir() / "roles.yaml"
    roles_load(read_yaml(roles_path), roles_path)

    def person(username, language):
        user = User.objects.create_user(username=username, password=PASSWORD, preferred_language=language)
        user.groups.set(Group.objects.filter(role__key="ministry_admin"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return {"url": live_server.url, "admin": person("admin_en", "en"), "admin_ar": person("admin_ar", "ar")}


def log_in(page, url, username):
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{url}/admin/")


def publish(page):
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').click()


def test_the_admin_adds_a_conditional_field_to_the_shipped_complaint_form_and_publishes(page_for, admin_site):
    from forms_builder.models import FormDefinition
    from forms_builder.selectors import form_version_current

    url = admin_site["url"]
    definition = FormDefinition.objects.get(key="grievance_intake")
    before = form_version_current(key="grievance_intake").number
    page = page_for(1366, 900, language="en")
    log_in(page, url, "admin_en")
    page.goto(f"{url}/admin/snippets/forms_builder/formdefinition/edit/{definition.pk}/")
    index = int(page.locator('input[name="fields-count"]').input_value())

    stream = page.locator("[data-streamfield-stream-container]").first
    stream.locator(":scope > div > button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Text", exact=True).click()
    prefix = f"fields-{index}-value"
    page.fill(f"#{prefix}-key", "last_paid_on")
    page.fill(f"#{prefix}-label-ar", "متى استلمت آخر أجر؟")
    page.fill(f"#{prefix}-label-en", "When were you last paid?")

    page.locator(f"#block_group-{prefix}-visible_if-section [data-panel-toggle]").first.click()
    page.locator(f"#block_group-{prefix}-visible_if-section [data-streamfield-list-add]").first.click()
    choice = page.locator(f"#{prefix}-visible_if-rules-0-value-field-choice")
    options = choice.locator("option").all_inner_texts()
    assert "Are you still employed there? (still_employed)" in options or any(
        "(still_employed)" in o for o in options
    ), options
    assert not any("(last_paid_on)" in o for o in options), "a field cannot depend on itself"
    choice.select_option("still_employed")
    page.fill(f"#{prefix}-visible_if-rules-0-value-value", "no")
    shot(page, "admin-form-condition-chosen")
    publish(page)

    assert form_version_current(key="grievance_intake").number == before + 1
    spec = form_version_current(key="grievance_intake").ui["fields"]["last_paid_on"]
    assert spec["visible_if"]["rules"] == [{"field": "still_employed", "operator": "equals", "value": "no"}]
    assert "published" in page.content().lower()


def test_the_admin_changes_a_time_limit_on_the_shipped_grievance_workflow_and_saves(page_for, admin_site):
    from cases.models import Workflow

    url = admin_site["url"]
    workflow = Workflow.objects.get(key="grievance_flow")
    state = workflow.states.get(key="acknowledged")
    page = page_for(1366, 900, language="ar")
    log_in(page, url, "admin_ar")
    page.goto(f"{url}/admin/snippets/cases/workflow/edit/{workflow.pk}/")
    name = page.locator('input[name^="states-"][name$="-key"][value="acknowledged"]').get_attribute("name")
    sla = page.locator(f'input[name="{name.removesuffix("-key")}-sla_hours"]')
    wanted = state.sla_hours + 24
    sla.fill(str(wanted))
    before = {t.key: (t.from_state_keys, t.to_state, t.role_keys) for t in workflow.transitions.all()}
    # References are chosen: the first transition's states from the states panel, its roles from the roles.
    first = page.locator('input[name="transitions-0-from_states"]')
    assert first.get_attribute("type") == "hidden", "the typed input became a list of the states"
    boxes = page.locator("#inline_child_transitions-0 .ecms-state-keys input[type=checkbox]")
    assert boxes.count() == workflow.states.count()
    roles = page.locator('input[name="transitions-0-allowed_roles"][value="data_clerk"]')
    roles.check()
    to_state = page.locator("#inline_child_transitions-0 select.ecms-state-keys")
    assert "(acknowledged)" in " ".join(to_state.locator("option").all_inner_texts())
    shot(page, "admin-workflow-sla-ar")
    with page.expect_navigation():
        page.locator('footer button[type="submit"]').first.click()
    state.refresh_from_db()
    assert state.sla_hours == wanted
    after = {t.key: (t.from_state_keys, t.to_state, t.role_keys) for t in workflow.transitions.all()}
    first_key = workflow.transitions.order_by("sort_order").first().key
    assert "data_clerk" in after[first_key][2]
    after[first_key] = (after[first_key][0], after[first_key][1], before[first_key][2])
    assert after == before, "nothing else changed on the way through the screen"
    assert page.locator(".messages .success, [data-w-messages] .success").count() >= 1


def test_the_admin_moves_open_complaints_to_the_new_form_version_with_a_report(page_for, admin_site):
    from django.urls import reverse

    from cases.models import Case
    from cases.services import case_open
    from tests.cases.test_form_moves import _publish_v2
    from tests.schemes.helpers import GRIEVANCE, case_type

    url = admin_site["url"]
    grievance = case_type("grievance")
    cases = [case_open(case_type=grievance, data=dict(GRIEVANCE), language="ar").case for _ in range(2)]
    version = _publish_v2()
    page = page_for(1366, 900, language="ar")
    log_in(page, url, "admin_ar")
    page.goto(url + reverse("ecms_cases:form_move", args=["grievance_intake"]))  # the listing's "Move" link
    page.fill("#id_renames", "description = details")
    with page.expect_navigation():
        page.locator('button[name="check"]').click()
    assert page.locator(".ecms-form-moves tbody tr").count() == 2
    shot(page, "admin-form-move-check-ar")
    with page.expect_navigation():
        page.locator('button[name="move"]').click()
    assert page.locator(".ecms-move--moved").count() == 2
    shot(page, "admin-form-move-done-ar")
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("form_version", flat=True)) == {
        version.pk
    }
