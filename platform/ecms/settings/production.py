"""Production: refuses to start without a real secret key and host list; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from ecms.settings.base import *  # noqa: F403
from ecms.settings.base import env_bool

_UNSAFE_KEY_MARKERS = ("django-insecure", "change-me", "changeme", "secret")


def _require_secret_key(value: str) -> str:
    if len(value) < 50 or len(set(value)) < 5 or any(m in value.lower() for m in _UNSAFE_KEY_MARKERS):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production."
        )
    return value


def _require_hosts(hosts: list[str]) -> list[str]:
    if not hosts or "*" in hosts:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names in production.")
    return hosts


_DEVELOPMENT_MAIL = ("console", "locmem", "filebased")


def _require_email_backend(backend: str) -> str:
    """A real e-mail backend, or an explicit choice of none: never reporters' addresses in a log."""
    if env_bool("ECMS_NO_EMAIL", False):
        return "django.core.mail.backends.dummy.EmailBackend"
    if "DJANGO_EMAIL_BACKEND" not in os.environ or any(name in backend for name in _DEVELOPMENT_MAIL):
        raise ImproperlyConfigured(
            "Set DJANGO_EMAIL_BACKEND to a real e-mail backend (e.g. "
            "django.core.mail.backends.smtp.EmailBackend with DJANGO_EMAIL_HOST), or ECMS_NO_EMAIL=1 to "
            "send no e-mail, in production."
        )
    return backend


DEBUG = False
SECRET_KEY = _require_secret_key(SECRET_KEY)  # noqa: F405
ALLOWED_HOSTS = _require_hosts(ALLOWED_HOSTS)  # noqa: F405
EMAIL_BACKEND = _require_email_backend(EMAIL_BACKEND)  # noqa: F405
ECMS_CREATE_DEMO_USERS = False

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
