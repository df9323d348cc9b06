"""Pages under their Content-Security-Policy in a real browser: the portal's wizard, its typeahead and the
confirmation's buttons work, and the browser reports no refused script, style or connection."""

import pytest

pytestmark = pytest.mark.browser


def test_the_portal_works_under_its_policy(page_for, portal_site):
    page = page_for(width=390, height=844, language="en", enforce_csp=True)
    refusals = []
    page.on(
        "console",
        lambda message: refusals.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(f"{portal_site}/en/")
    page.goto(f"{portal_site}/en/complaint/?start=1")
    page.check("input[name='about_you-anonymous'][value='no']")
    assert page.locator("input[name='about_you-full_name']").is_visible(), "conditions.js runs"
    page.check("input[name='about_you-anonymous'][value='yes']")
    page.check("input[name='about_you-complainant_role'][value='worker']")
    with page.expect_navigation():
        page.locator(".form-wizard__actions button[type=submit]:not([name])").click()
    page.locator("input[name='employer_details-employer__name']").press_sequentially("ab", delay=20)
    page.wait_for_timeout(600)  # the typeahead asked the lookup (connect-src 'self')
    color = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()")
    assert color, "the nonce'd inline style applies"
    assert refusals == []
