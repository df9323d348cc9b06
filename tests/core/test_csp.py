"""A Content-Security-Policy on every page: the portal allows only its own scripts and styles (inline ones
with the response's nonce) and nothing from another origin; the admin allows Wagtail's inline scripts but
no other origin either."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(shipped):
    from content.services import portal_pages_setup

    portal_pages_setup()


def test_portal_pages_carry_a_nonce_policy_and_their_inline_style_has_the_nonce(client, portal):
    response = client.get("/ar/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "http" not in policy
    html = response.content.decode()
    assert f'<style nonce="{nonce}">' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], "no inline script on the portal"
    again = client.get("/ar/")["Content-Security-Policy"]
    assert re.search(r"'nonce-([^']+)'", again).group(1) != nonce, "a new nonce for every response"


def test_the_api_and_the_admin_have_a_policy_too(client, make_user):
    assert "default-src 'self'" in client.get("/api/v1/forms/")["Content-Security-Policy"]
    client.force_login(make_user("supervisor", username="csp_sup"))
    response = client.get("/admin/")
    admin = response["Content-Security-Policy"]
    assert "default-src 'self'" in admin and "http" not in admin
    assert "gravatar" not in response.content.decode(), "no avatar fetched from outside"
