"""In a real browser (Debian chromium): a worker on a phone, in Arabic, finds their employer in the registry
with the typeahead (a spelling without hamza) and the complaint arrives linked; a supervisor opens an
inspection with the staff "New case" wizard, the establishment found the same way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password"


@pytest.fixture
def registry(portal_site):
    from registry.models import Establishment, Governorate

    baghdad = Governorate.objects.get(code="IQ-BG")
    Establishment.objects.create(name="مخبز الجنوب", governorate=baghdad, registration_number="BG-2")
    return Establishment.objects.create(
        name="مؤسسة الأمل للمقاولات",
        name_en="Al-Amal Contracting",
        governorate=baghdad,
        district="الكرادة",
        registration_number="BG-5000",
    )


def _continue(page, actions=".form-wizard__actions"):
    with page.expect_navigation():
        page.locator(f"{actions} button[type=submit]:not([name])").click()


def test_a_worker_on_a_phone_finds_the_employer_by_a_variant_spelling(page_for, portal_site, registry):
    from cases.models import Case

    page = page_for(width=360, height=740, language="ar")
    page.goto(f"{portal_site}/ar/complaint/?start=1")
    page.check("input[name='about_you-anonymous'][value='yes']")
    page.check("input[name='about_you-complainant_role'][value='worker']")
    _continue(page)
    page.select_option("select[name='employer_details-governorate']", "IQ-BG")
    name = page.locator("input[name='employer_details-employer__name']")
    name.press_sequentially("موسسه الامل", delay=30)  # no hamza, ha for ta marbuta: as typed on many phones
    option = page.locator(".ecms-lookup__list [role='option']").first
    option.wait_for()
    assert "مؤسسة الأمل للمقاولات" in option.inner_text()
    assert name.get_attribute("aria-expanded") == "true"
    screenshot(page, "typeahead-phone-ar")
    assert axe_violations(page) == []
    name.press("ArrowDown")
    name.press("Enter")
    hidden = page.locator("input[name='employer_details-employer__id']")
    assert hidden.input_value() == str(registry.pk)
    assert name.input_value() == "مؤسسة الأمل للمقاولات"
    _continue(page)
    page.select_option("select[name='complaint-category']", "wages_unpaid")
    page.fill("textarea[name='complaint-description']", "لم نستلم أجورنا منذ شهرين ونحن عشرون عاملاً.")
    _continue(page)
    _continue(page)  # no attachment
    _continue(page)  # send
    code = page.locator("#tracking-code")
    box = code.bounding_box()
    line = float(code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert box["height"] < line * 2, "the tracking code stays on one line at 360 px"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    screenshot(page, "confirmation-phone-ar")
    case = Case.objects.get(reference=page.locator("#reference").inner_text().strip())
    assert case.establishment == registry


@pytest.fixture
def supervisor(registry):
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from accounts.models import User
    from accounts.services import roles_load
    from core.configs import default_config_dir, read_yaml
    from registry.models import Governorate

    path = default_config_dir() / "roles.yaml"
    roles_load(read_yaml(path), path)
    user = User.objects.create_user(username="sup", password=PASSWORD, first_name="Huda", last_name="Salman")
    user.groups.set(Group.objects.filter(role__key="supervisor"))
    user.governorates.set(Governorate.objects.filter(code="IQ-BG"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_a_supervisor_opens_an_inspection_with_the_new_case_wizard(
    page_for, portal_site, supervisor, registry
):
    from cases.models import Case

    url = portal_site
    page = page_for(width=1280, height=900, language="en")
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "sup")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{url}/admin/")
    page.goto(f"{url}/admin/cases/new/")
    screenshot(page, "staff-new-case-chooser")
    page.get_by_role("link", name="Labour inspection").click()
    page.wait_for_url(f"{url}/admin/cases/new/labour_inspection/")
    page.check("input[name='channel-channel'][value='staff']")
    _continue(page, ".ecms-wizard__actions")
    name = page.locator("input[name$='-establishment__name']")
    name.press_sequentially("al-amal", delay=30)
    page.locator(".ecms-lookup__list [role='option']").first.click()
    assert page.locator("input[name$='-establishment__id']").input_value() == str(registry.pk)
    page.select_option("select[name$='-governorate']", "IQ-BG")
    page.check("input[name$='-origin'][value='planned']")
    page.fill("input[name$='-planned_date']", (timezone.localdate() + timedelta(days=7)).isoformat())
    screenshot(page, "staff-new-case-wizard")
    _continue(page, ".ecms-wizard__actions")
    while page.locator("input[name$='-current_step'][value='review']").count() == 0:
        _continue(page, ".ecms-wizard__actions")
    _continue(page, ".ecms-wizard__actions")
    page.wait_for_url(f"{url}/admin/cases/new/done/")
    screenshot(page, "staff-new-case-done")
    reference = page.locator(".ecms-case__reference").inner_text().strip()
    case = Case.objects.get(reference=reference)
    assert case.establishment == registry and case.channel == "staff" and case.created_by == supervisor
