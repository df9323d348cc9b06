"""Template helpers for the bilingual portal."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import localize
from core.localcache import remembered
from core.numbers import number_in_words

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: to the page's translation when there is one, else to the same path."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations") and page.pk:

        def read():
            live = page.get_translations(inclusive=True).live().select_related("locale")
            return {t.locale.language_code: t.get_url(request=request) for t in live}

        # Remembered per process for a moment (ECMS_CONFIG_CACHE_SECONDS): every portal page asks for them.
        host = request.get_host() if request is not None else ""
        translations = remembered("page_translations", (page.pk, host), read)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        info = translation.get_language_info(code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current, "bidi": info["bidi"]}
        )
    return links


@register.filter
def localized(value, language=None) -> str:
    """The text of a bilingual label in the active language: {{ option.label|localized }}."""
    return localize(value, language)


@register.filter
def amount_figures(value) -> str:
    """A whole amount with thousands separators: 1500000 -> "1,500,000" (as notices print it)."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


@register.filter
def dinars_in_words(value) -> str:
    """An amount in Iraqi dinars written out in the active language, as a notice states a fine."""
    if value in (None, ""):
        return ""
    words = number_in_words(value, translation.get_language() or settings.LANGUAGE_CODE)
    return _("%(words)s Iraqi dinars") % {"words": words}


@register.filter
def person(user) -> str:
    """A person's name in the reader's language (``name_in`` where the user model has it), else their full
    name or username; empty for nobody."""
    if not user:
        return ""
    name_in = getattr(user, "name_in", None)
    if name_in is not None:
        return name_in(translation.get_language())
    return user.get_full_name() or user.get_username()
