"""A member of the public on the portal, in a real browser (Debian chromium through Playwright)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations, screenshot
from tests.factories import PDF

pytestmark = pytest.mark.browser


def _continue(page):
    page.locator(".form-wizard__actions button[type=submit]:not([name])").click()


def _assert_accessible(page, name):
    violations = axe_violations(page)
    assert violations == [], f"{name}: {violations}"


def test_arabic_complaint_with_a_file_through_every_step_then_tracked(page_for, portal_site, tmp_path):
    page = page_for(language="ar")
    page.goto(f"{portal_site}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    heading = page.locator("h1").bounding_box()
    assert heading["x"] + heading["width"] > 1280 * 0.6, "the title sits on the right in Arabic"
    screenshot(page, "home-ar")
    _assert_accessible(page, "home-ar")

    page.goto(f"{portal_site}/ar/complaint/?start=1")
    screenshot(page, "service-step-ar")
    _assert_accessible(page, "service-step-ar")
    page.check("input[name='about_you-anonymous'][value='no']")
    assert page.locator("input[name='about_you-full_name']").is_visible(), "shown once the answer is no"
    page.check("input[name='about_you-complainant_role'][value='worker']")
    _continue(page)
    assert page.locator("#error-summary").is_visible(), "the name is required when not anonymous"
    assert page.locator("#error-summary a[href='#id_about_you-full_name']").count() == 1
    page.fill("input[name='about_you-full_name']", "زينب كريم")
    page.fill("input[name='about_you-phone']", "07701234567")
    _continue(page)

    page.select_option("select[name='employer_details-governorate']", "IQ-BG")
    page.fill("input[name='employer_details-employer__name']", "معمل نسيج دجلة")
    _continue(page)
    page.select_option("select[name='complaint-category']", "wages_unpaid")
    page.fill("textarea[name='complaint-description']", "لم نستلم أجورنا منذ ثلاثة أشهر، ونحن أربعون عاملاً.")
    _continue(page)
    evidence = tmp_path / "payslip.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("input[name='attachments-evidence']", str(evidence))
    _continue(page)
    assert page.get_by_text("payslip.pdf").is_visible() and page.get_by_text("زينب كريم").is_visible()
    _continue(page)

    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"GRV-\d{4}-\d{6}", reference) and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    screenshot(page, "confirmation-ar")
    _assert_accessible(page, "confirmation-ar")

    page.goto(f"{portal_site}/ar/track/")
    page.fill("#id_reference", reference)
    page.fill("#id_tracking_code", code)
    page.locator("form.form-narrow button[type=submit]").click()
    assert page.get_by_text("استلمنا شكواك").first.is_visible()
    screenshot(page, "tracking-ar")
    _assert_accessible(page, "tracking-ar")


def test_english_incident_with_two_injured_persons(page_for, portal_site):
    page = page_for(language="en")
    page.goto(f"{portal_site}/en/report-an-accident/?start=1")
    assert page.locator("html").get_attribute("dir") == "ltr"
    screenshot(page, "service-step-en")
    page.check("input[name='reporter-reporter_type'][value='employer']")
    page.fill("input[name='reporter-reporter_name']", "Ahmed Saleh")
    page.fill("input[name='reporter-reporter_phone']", "07801112233")
    _continue(page)
    page.fill("input[name='establishment-employer__name']", "Basmaya Construction")
    page.select_option("select[name='establishment-governorate']", "IQ-BG")
    _continue(page)
    page.fill(
        "input[name='accident-incident_datetime']",
        (timezone.localtime() - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    )
    page.fill("input[name='accident-place']", "Scaffold, third floor")
    page.fill("textarea[name='accident-description']", "A scaffold plank broke and two workers fell.")
    page.locator("[name='accident-severity']").first.wait_for()
    if page.locator("select[name='accident-severity']").count():
        page.select_option("select[name='accident-severity']", "serious")
    else:
        page.check("input[name='accident-severity'][value='serious']")
    _continue(page)

    page.locator("button[name='wizard_add_row'][value='injured']").click()
    for index, (age, sex) in enumerate([("34", "male"), ("22", "female")]):
        page.fill(f"input[name='injured_persons-injured__{index}__age']", age)
        page.check(f"input[name='injured_persons-injured__{index}__sex'][value='{sex}']")
        page.check(f"input[name='injured_persons-injured__{index}__injury_severity'][value='serious']")
    _continue(page)
    page.fill("textarea[name='circumstances-immediate_measures']", "Site stopped; scaffold cordoned off.")
    _continue(page)
    assert page.get_by_text("Injured person 2").first.is_visible() or page.get_by_text("2").first.is_visible()
    _continue(page)
    reference = page.locator("#reference").inner_text().strip()
    assert reference.startswith("INC-")
    screenshot(page, "confirmation-en")

    from cases.models import Case

    case = Case.objects.get(reference=reference)
    assert [person["age"] for person in case.data["injured"]] == [34, 22]
    assert Case.objects.filter(parent=case, case_type__key="osh_inspection").exists(), "serious: investigated"

    page.goto(f"{portal_site}/en/")
    screenshot(page, "home-en")
    _assert_accessible(page, "home-en")
    page.goto(f"{portal_site}/en/track/")
    screenshot(page, "tracking-en")


def test_phone_sized_pages(page_for, portal_site):
    page = page_for(width=360, height=760, language="ar")
    for path, name in (
        ("/ar/", "home-ar-phone"),
        ("/ar/complaint/?start=1", "service-step-ar-phone"),
        ("/ar/track/", "tracking-ar-phone"),
    ):
        page.goto(f"{portal_site}{path}")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{name}: the page scrolls sideways ({width}px)"
        screenshot(page, name)
