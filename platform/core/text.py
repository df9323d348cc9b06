"""Text matching that ignores what readers do not see as a difference: Arabic letter variants (hamza
forms, ta marbuta and ha, alef maqsura and ya), tatweel and diacritics, Latin case and spacing."""

import re
import unicodedata

from django.utils.translation import gettext as _

_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",  # Persian/Kurdish ya
        "ک": "ك",  # Persian/Kurdish kaf
        "ة": "ه",
        "ـ": None,  # tatweel
    }
)
# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef) and Quranic marks.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES = re.compile(r"\s+")


def search_normalize(text: str) -> str:
    """``text`` folded for matching: "مؤسسة الرافدين" and "موسسه الرافدين" give the same string."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = _MARKS.sub("", text).translate(_ARABIC_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


MAX_JSON_DEPTH = 32
_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def refused_characters_message() -> str:
    return _("The request contains characters that are not allowed (NUL or a broken character).")


def unsafe_text(value: str) -> bool:
    """True for text no database should be asked to store: NUL bytes or lone UTF-16 surrogates."""
    return bool(_UNSAFE.search(value))


def unsafe_structure(data, *, max_depth: int = MAX_JSON_DEPTH) -> str:
    """Why nested data (decoded JSON) is refused: "depth" past ``max_depth`` levels, "characters" for a
    key or string with NUL or a lone surrogate; "" when it is acceptable. Walked without recursion."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if unsafe_text(node):
                return "characters"
            continue
        if isinstance(node, dict | list):
            if depth > max_depth:
                return "depth"
            items = node.items() if isinstance(node, dict) else ((None, v) for v in node)
            for key, value in items:
                if isinstance(key, str) and unsafe_text(key):
                    return "characters"
                stack.append((value, depth + 1))
    return ""


# Spreadsheet formula injection: a cell starting with one of these is run as a formula by Excel or Calc.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text cell that a spreadsheet would run as a formula, made inert by a leading apostrophe.

    Every cell starting with =, +, -, @, a tab or a carriage return is escaped (django-import-export's own
    option only strips a leading '='). Numbers and dates are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
