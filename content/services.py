"""Writes for the portal: the site, its locales and its home page in every language."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from cases.models import CaseType
from content.models import (
    ContactPage,
    HomePage,
    InformationPage,
    LegalLibraryPage,
    PortalSettings,
    ServicePage,
    TrackingPage,
)
from content.seed_pages import PAGES

DEFAULT_MINISTRY_NAME = {
    "ar": "وزارة العمل والشؤون الاجتماعية",
    "en": "Ministry of Labour and Social Affairs",
}
DEFAULT_SHORT_NAME = {"ar": "منظومة إدارة القضايا", "en": "Case management"}
HOME_TITLES = {"ar": "الرئيسية", "en": "Home"}


def _page_content_type():
    return ContentType.objects.get_for_model(Page)


@transaction.atomic
def site_setup(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Create the locales, the home page in each language and the site (idempotent). Returns the home page."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    }
    default_locale = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=default_locale, content_type=_page_content_type())
    )
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


def _rich(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _body(blocks_: list[tuple[str, object]]) -> list[dict]:
    stream = []
    for kind, value in blocks_:
        if kind == "paragraph":
            value = _rich(value)
        elif kind == "callout":
            value = {"kind": value[0], "title": value[1], "text": _rich(value[2])}
        elif kind == "faq":
            value = [{"question": q, "answer": _rich([a])} for q, a in value]
        stream.append({"type": kind, "value": value})
    return stream


@transaction.atomic
def portal_pages_setup() -> int:
    """The portal's pages in Arabic and English (idempotent): services, tracking, library, information."""
    home = site_setup()
    english = Locale.objects.get(language_code="en")
    created = 0
    for spec in PAGES:
        model = {
            "service": ServicePage,
            "tracking": TrackingPage,
            "library": LegalLibraryPage,
            "information": InformationPage,
            "contact": ContactPage,
        }[spec["type"]]
        if home.get_children().filter(slug=spec["slug"]).exists():
            continue
        fields = {"title": spec["title"]["ar"], "slug": spec["slug"], "show_in_menus": True}
        translated = {"title": spec["title"]["en"]}
        if spec["type"] == "service":
            case_type = CaseType.objects.filter(key=spec["case_type"]).first()
            if case_type is None:
                continue
            fields.update(
                case_type=case_type, summary=spec["summary"]["ar"], intro=_rich([spec["intro"]["ar"]])
            )
            translated.update(summary=spec["summary"]["en"], intro=_rich([spec["intro"]["en"]]))
        elif spec["type"] in ("information", "contact"):
            fields.update(summary=spec["summary"]["ar"], body=_body(spec["body"]["ar"]))
            translated.update(summary=spec["summary"]["en"], body=_body(spec["body"]["en"]))
        elif "intro" in spec:
            fields.update(intro=_rich([spec["intro"]["ar"]]))
            translated.update(intro=_rich([spec["intro"]["en"]]))
        page = home.add_child(instance=model(**fields))
        page.save_revision().publish()
        copy = page.copy_for_translation(english)
        for name, value in translated.items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        created += 1
    return created
