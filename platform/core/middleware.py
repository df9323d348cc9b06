import secrets
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import gettext as _

from core.text import refused_characters_message, unsafe_text


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that paths outside the portal (API, admin, health) are never
    redirected to a language prefix: their 404s stay 404s. The language still comes from Accept-Language."""

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.ECMS_UNPREFIXED_PATHS)):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class RefuseUnsafeInput:
    """A path, query or form value with a NUL byte or a lone surrogate is answered 400 at the edge: no view,
    form or database ever sees it (PostgreSQL refuses NUL in text, which would be a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._unsafe(request):
            message = refused_characters_message()
            if request.path_info.startswith("/api/"):
                error = {"field": None, "code": "invalid_characters", "message": message}
                return JsonResponse({"errors": [error]}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _unsafe(request) -> bool:
        if unsafe_text(request.path_info) or unsafe_text(unquote(request.META.get("QUERY_STRING", ""))):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            for key, values in request.POST.lists():
                if unsafe_text(key) or any(unsafe_text(value) for value in values):
                    return True
            for key, uploads in request.FILES.lists():
                if unsafe_text(key) or any(unsafe_text(upload.name or "") for upload in uploads):
                    return True
        return False


class RequestSizeLimit:
    """A request body larger than ``ECMS_MAX_REQUEST_BYTES`` is answered 413 before it is read (the web
    server in front should have the same limit: docs/operations.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.ECMS_MAX_REQUEST_BYTES:
            message = _("The request is too large.")
            if request.path_info.startswith("/api/"):
                error = {"field": None, "code": "too_large", "message": message}
                return JsonResponse({"errors": [error]}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


PORTAL_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Wagtail's admin writes small inline scripts (date pickers, inline panels) and style attributes: they are
# allowed there, but nothing from another origin ever is (docs/decisions.md).
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
ADMIN_PATHS = ("/admin/", "/api/docs/")


class ContentSecurityPolicy:
    """A Content-Security-Policy on every page: the portal runs only its own scripts and styles (inline
    ones only with this response's nonce); nothing is ever loaded from another origin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path_info.startswith(ADMIN_PATHS)
            policy = ADMIN_POLICY if admin else PORTAL_POLICY.format(nonce=request.csp_nonce)
            response["Content-Security-Policy"] = policy
        return response
