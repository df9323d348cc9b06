"""Writes for the portal: the site, its locales and its home page in every language."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from content.models import HomePage, PortalSettings

DEFAULT_MINISTRY_NAME = {
    "ar": "وزارة العمل والشؤون الاجتماعية",
    "en": "Ministry of Labour and Social Affairs",
}
DEFAULT_SHORT_NAME = {"ar": "منظومة إدارة القضايا", "en": "Case management"}
HOME_TITLES = {"ar": "الرئيسية", "en": "Home"}


@transaction.atomic
def site_setup(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Create the locales, the home page in each language and the site (idempotent). Returns the home page."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    }
    default_locale = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=default_locale, depth=2).first()
    if home is None:
        # Wagtail's initial migration leaves a plain "Welcome" page (and a site on it): replace both.
        root.get_children().filter(content_type__model="page", content_type__app_label="wagtailcore").delete()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES.get(default_locale.language_code, "Home"),
                slug="home",
                locale=default_locale,
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="ECMS"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    for code, locale in locales.items():
        if locale == default_locale or home.get_translations().filter(locale=locale).exists():
            continue
        translated = home.copy_for_translation(locale)
        translated.title = HOME_TITLES.get(code, translated.title)
        translated.save_revision().publish()
    portal = PortalSettings.for_site(site)
    if not portal.ministry_name:
        portal.ministry_name = DEFAULT_MINISTRY_NAME
        portal.short_name = DEFAULT_SHORT_NAME
        portal.save()
    return home
