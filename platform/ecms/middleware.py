from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that paths outside the portal (API, admin, health) are never
    redirected to a language prefix: their 404s stay 404s. The language still comes from Accept-Language."""

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.ECMS_UNPREFIXED_PATHS)):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
