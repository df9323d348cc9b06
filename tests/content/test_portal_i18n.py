"""The bilingual portal base: Arabic by default (RTL), English (LTR), a working language switcher."""

import re

import pytest
from wagtail.models import Locale

from content.models import HomePage
from content.services import site_setup


@pytest.fixture
def site(db):
    return site_setup(hostname="testserver")


def test_root_redirects_to_arabic_by_default(client, site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_root_redirects_to_english_for_an_english_browser(client, site):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_arabic_home_is_right_to_left(client, site):
    response = client.get("/ar/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "وزارة العمل والشؤون الاجتماعية" in html
    # our own catalogue, not just Django's
    assert "قدّم شكوى" in html or "الإبلاغ عن حادث" in html


def test_english_home_is_left_to_right(client, site):
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Ministry of Labour and Social Affairs" in html
    assert "Report a workplace accident" in html


def test_language_switcher_links_to_the_translated_page(client, site):
    html = client.get("/ar/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert 'href="/en/"' in switcher
    assert 'aria-current="true" lang="ar"' in switcher
    english = client.get("/en/").content.decode()
    assert 'href="/ar/"' in re.search(r'<nav class="language-switcher".*?</nav>', english, re.S).group(0)


def test_site_setup_is_idempotent_and_translates_the_home_page(site):
    site_setup(hostname="testserver")
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"ar", "en"}
    homes = HomePage.objects.all()
    assert homes.count() == 2
    assert {home.locale.language_code for home in homes} == {"ar", "en"}
    assert len({home.translation_key for home in homes}) == 1
