"""Browser tests: Playwright for Python driving Debian's chromium (/usr/bin/chromium), never a downloaded
browser. Screenshots go to test-artifacts/screenshots/ (kept out of git)."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.browser

# Playwright's sync API runs an event loop in this thread; the live server's database calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def portal_site(transactional_db, live_server):
    from content.services import portal_pages_setup
    from core.configs import load_configs
    from registry.services import reference_data_load

    reference_data_load()
    load_configs()
    portal_pages_setup()
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    return live_server.url


@pytest.fixture
def page_for(browser):
    contexts = []

    def _open(width=1280, height=900, language="ar", enforce_csp=False):
        # axe-core is injected as an inline script, which the portal's policy refuses: the accessibility
        # checks bypass the policy; tests/browser/test_csp_browser.py runs pages under it.
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=language, bypass_csp=not enforce_csp
        )
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    """Serious or critical accessibility violations reported by axe-core (WCAG 2.1 A and AA)."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser-deps)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
