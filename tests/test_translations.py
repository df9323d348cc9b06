"""The Arabic catalogue is complete and its compiled .mo (committed) matches the .po."""

import ast
import gettext
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PO = REPO / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MO = REPO / "locale" / "ar" / "LC_MESSAGES" / "django.mo"


def _unquote(chunk: str) -> str:
    return "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', chunk))


def _entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "msgid" not in block or block.lstrip().startswith("#~"):
            continue
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*fuzzy", block, re.M)
        msgctxt = re.search(r'^msgctxt (".*?"(?:\n".*?")*)', block, re.M | re.S)
        msgid = re.search(r'^msgid (".*?"(?:\n".*?")*)\n', block, re.M | re.S)
        plural = re.search(r"^msgid_plural ", block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? (".*?"(?:\n".*?")*)(?:\n|$)', block, re.M | re.S)
        yield (
            _unquote(msgctxt.group(1)) if msgctxt else None,
            _unquote(msgid.group(1)),
            _unquote(msgstr.group(1)) if msgstr else "",
            bool(plural),
            bool(fuzzy),
        )


def test_every_string_has_an_arabic_translation():
    untranslated = [msgid for _ctx, msgid, msgstr, _p, fuzzy in _entries() if msgid and (not msgstr or fuzzy)]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    stale = []
    for ctx, msgid, msgstr, plural, _fuzzy in _entries():
        if not msgid:
            continue
        if plural:
            got = (
                catalogue.ngettext(msgid, msgid, 1)
                if ctx is None
                else catalogue.npgettext(ctx, msgid, msgid, 1)
            )
            if got == msgid:
                stale.append(msgid)
            continue
        got = catalogue.gettext(msgid) if ctx is None else catalogue.pgettext(ctx, msgid)
        if got != msgstr:
            stale.append(msgid)
    assert stale == [], "run `make messages` (or recompile locale/ar/LC_MESSAGES/django.mo)"
