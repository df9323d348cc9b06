"""Text matching that ignores what readers do not see as a difference: Arabic letter variants (hamza
forms, ta marbuta and ha, alef maqsura and ya), tatweel and diacritics, Latin case and spacing."""

import re
import unicodedata

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
