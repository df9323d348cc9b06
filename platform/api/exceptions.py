"""One error format for every API failure: {"errors": [{"field": ..., "code": ..., "message": ...}]}.

Messages are in the request's language (Accept-Language, through LocaleMiddleware).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cases.errors import CaseError


def _flatten(detail, field=None) -> list[dict]:
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "detail") else key
            items += _flatten(value, f"{field}.{name}" if field and name else (name or field))
        return items
    if isinstance(detail, list):
        items = []
        for value in detail:
            items += _flatten(value, field)
        return items
    code = getattr(detail, "code", None) or "invalid"
    return [{"field": field, "code": code, "message": str(detail)}]


class FieldErrors(exceptions.APIException):
    """Validation errors already in our format (from the forms validator)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(detail=errors)


def exception_handler(exc, context):
    if isinstance(exc, CaseError):
        return case_error_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, FieldErrors):
        return Response({"errors": exc.errors}, status=exc.status_code)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"errors": _flatten(exc.detail)}
    return response


def case_error_response(exc):
    """A cases.errors.CaseError as an API response in the one error format."""
    return Response({"errors": exc.errors}, status=exc.status)
