"""The API's JSON parser: JSON nested too deep, or with NUL bytes or lone surrogates in any key or string,
is a 400 with the reason, never a RecursionError or a database error (a 500)."""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from core.text import MAX_JSON_DEPTH, unsafe_structure


def loads_checked(text):
    """``json.loads`` for client input: ParseError (400) for invalid, too deep or unsafe JSON."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ParseError(_("The JSON is nested too deeply.")) from None
    except ValueError as error:
        raise ParseError(_("The JSON is not valid: %(error)s") % {"error": error}) from None
    check_structure(data)
    return data


def check_structure(data) -> None:
    reason = unsafe_structure(data)
    if reason == "depth":
        raise ParseError(_("The JSON is nested more than %(n)d levels deep.") % {"n": MAX_JSON_DEPTH})
    if reason == "characters":
        raise ParseError(
            _("The request contains characters that are not allowed (NUL or a broken character).")
        )


class CheckedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(_("The request body is not valid UTF-8.")) from None
        return loads_checked(text)
