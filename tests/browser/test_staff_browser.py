"""Staff in the Wagtail admin, in a real browser: an inspector (Arabic, on a tablet) fills the labour
inspection checklist step by step; a supervisor (English) takes a step with a comment, issues an improvement
notice and opens its printable version. Screenshots go to test-artifacts/screenshots/ and, with
ECMS_DOC_SCREENSHOTS=1 (make staff-guide-screenshots), to docs/images/staff/ for the staff guide."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import SCREENSHOTS, axe_violations, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images" / "staff"


def shot(page, name):
    screenshot(page, name)
    if os.environ.get("ECMS_DOC_SCREENSHOTS"):
        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(SCREENSHOTS / f"{name}.png", DOC_IMAGES / f"{name}.png")


@pytest.fixture
def staff_site(transactional_db, live_server):
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from accounts.models import User
    from accounts.services import roles_load
    from cases.models import Case, CaseType
    from cases.services import case_open, transition
    from core.configs import default_config_dir, load_configs, read_yaml
    from registry.models import Establishment, Governorate
    from registry.services import reference_data_load

    reference_data_load()
    load_configs()
    roles_path = default_config_dir() / "roles.yaml"
    roles_load(read_yaml(roles_path), roles_path)
    baghdad = Governorate.objects.get(code="IQ-BG")

    def person(username, role, first, last, language):
        user = User.objects.create_user(
            username=username,
            password=PASSWORD,
            first_name=first,
            last_name=last,
            preferred_language=language,
        )
        user.groups.set(Group.objects.filter(role__key=role))
        user.governorates.set([baghdad])
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    supervisor = person("supervisor", "supervisor", "Huda", "Salman", "en")
    inspector = person("inspector", "labour_inspector", "علي", "حسن", "ar")
    factory = Establishment.objects.create(
        name="معمل نسيج دجلة",
        name_en="Tigris Textiles",
        governorate=baghdad,
        registration_number="BG-1001",
        workers_total=120,
    )
    case_type = CaseType.objects.get(key="labour_inspection")
    cases = []
    for days in (7, 14, 21):
        plan = {
            "establishment": {"id": factory.pk},
            "governorate": "IQ-BG",
            "origin": "planned",
            "planned_date": (timezone.localdate() + timedelta(days=days)).isoformat(),
        }
        case = case_open(
            case_type=case_type, data=plan, language="ar", actor=supervisor, channel=Case.Channel.STAFF
        ).case
        cases.append(case)
    transition(cases[0], "assign", supervisor)
    transition(cases[0], "schedule_visit", inspector, data={"visit_date": timezone.localdate().isoformat()})
    return {"url": live_server.url, "case": cases[0], "supervisor": supervisor, "inspector": inspector}


def submit(page, selector):
    """Click a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).click()


def log_in(page, url, username):
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{url}/admin/")


def test_inspector_fills_the_checklist_on_a_tablet_in_arabic(page_for, staff_site):
    from cases.models import Case, Violation
    from forms_builder.selectors import form_version_current
    from tests.schemes.helpers import checklist_answers

    url, case = staff_site["url"], staff_site["case"]
    page = page_for(width=820, height=1180, language="ar")
    log_in(page, url, "inspector")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("open cases assigned to me").count() + page.locator(".ecms-numbers").count() >= 1
    shot(page, "staff-dashboard-ar")

    page.goto(f"{url}/admin/cases/queue/mine/")
    assert page.get_by_role("link", name=case.reference).is_visible()
    shot(page, "staff-queue-ar")
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"{url}/admin/cases/{case.reference}/")
    facts = page.locator(".ecms-facts").bounding_box()
    reference = page.locator(".ecms-case__reference").bounding_box()
    assert reference["x"] + reference["width"] > facts["x"] + facts["width"] * 0.6, (
        "first fact on the right (RTL)"
    )
    page.locator(f"a[href='/admin/cases/{case.reference}/steps/record_visit/']").click()

    version = form_version_current(key="labour_inspection_checklist")
    answers = checklist_answers("labour_inspection_checklist", non_compliant=2)
    # Try to go on without answering: the error summary names what is missing.
    submit(page, ".ecms-wizard__actions button[type=submit]:not([name])")
    assert page.locator("#error-summary").is_visible()
    for index, step in enumerate(version.ui["steps"]):
        for key in step["fields"]:
            if key in answers:
                page.check(f"input[name='{step['key']}-{key}'][value='{answers[key]['answer']}']")
                if answers[key].get("note"):
                    page.fill(f"textarea[name='{step['key']}-{key}__note']", "وُجد أثناء الزيارة")
        if index == 0:
            shot(page, "staff-checklist-tablet-ar")
        submit(page, ".ecms-wizard__actions button[type=submit]:not([name])")
    assert page.get_by_text("وُجد أثناء الزيارة").first.is_visible(), "the review shows the answers"
    shot(page, "staff-checklist-review-ar")
    submit(page, ".ecms-wizard__actions button[type=submit]:not([name])")
    page.wait_for_url(f"{url}/admin/cases/{case.reference}/")
    assert Case.objects.get(pk=case.pk).state == "visited"
    assert Violation.objects.filter(case=case).count() == 2
    assert page.locator("#violations-title + .ecms-scroll table tbody tr").count() == 2
    shot(page, "staff-case-ar")
    violations = [
        v
        for v in axe_violations(page)
        if any(".ecms-case" in " ".join(map(str, target)) for target in v["nodes"])
    ]
    assert violations == [], violations


def test_supervisor_takes_a_step_and_issues_a_notice_in_english(page_for, staff_site):
    from cases.models import EnforcementAction
    from cases.services import transition
    from tests.schemes.helpers import checklist_answers

    url, case = staff_site["url"], staff_site["case"]
    transition(
        case, "record_visit", staff_site["inspector"], data=checklist_answers("labour_inspection_checklist")
    )
    page = page_for(width=1366, height=900, language="en")
    log_in(page, url, "supervisor")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.goto(f"{url}/admin/cases/queue/all/")
    shot(page, "staff-queue-en")
    page.goto(f"{url}/admin/cases/{case.reference}/")
    page.get_by_role("link", name="Issue a notice or enforcement").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm: Issue a notice or enforcement").click()
    assert page.locator(".error-message").is_visible(), "the comment is required"
    page.fill("textarea[name='comment']", "Improvement notice: 30 days to put contracts in writing.")
    shot(page, "staff-step-comment-en")
    page.get_by_role("button", name="Confirm: Issue a notice or enforcement").click()
    page.wait_for_url(f"{url}/admin/cases/{case.reference}/")
    assert page.get_by_text("Notice or enforcement issued").first.is_visible()

    page.get_by_text("Issue an enforcement action").click()
    page.select_option("select[name='kind']", "improvement_notice")
    for box in page.locator("input[name='violations']").all():
        box.check()
    page.fill("input[name='due_date']", (timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Issue", exact=True).click()
    page.wait_for_url(f"{url}/admin/cases/{case.reference}/")
    action = EnforcementAction.objects.get(case=case)
    assert action.violations.count() == 2
    shot(page, "staff-case-en")

    with page.expect_popup() as popup:
        page.get_by_role("link", name="Notice (English)").click()
    notice = popup.value
    notice.wait_for_load_state()
    assert (
        notice.get_by_text("Tigris Textiles").first.is_visible()
        or notice.get_by_text("معمل نسيج دجلة").is_visible()
    )
    notice.emulate_media(media="print")
    assert not notice.locator(".print-toolbar").is_visible(), "the print button is not printed"
    shot(notice, "staff-notice-print-en")
