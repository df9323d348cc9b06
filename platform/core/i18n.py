"""Bilingual labels stored as data: ``{"ar": "...", "en": "..."}`` mappings (CONVENTIONS.md)."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import translation


def language_codes() -> list[str]:
    """The configured languages, default first."""
    return [code for code, _name in settings.LANGUAGES]


def localize(value: Any, language: str | None = None) -> str:
    """The text of a label in ``language`` (default: the active one), falling back to any language."""
    if value is None:
        return ""
    if not isinstance(value, Mapping):
        return str(value)
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, settings.LANGUAGE_CODE, *language_codes()):
        text = value.get(code)
        if text:
            return str(text)
    return ""


def missing_translations(value: Any) -> list[str]:
    """The configured languages that a label lacks (an empty list when it is complete)."""
    if not isinstance(value, Mapping):
        return language_codes()
    return [code for code in language_codes() if not str(value.get(code) or "").strip()]
