"""Settings shared by every environment; values come from the environment (DESIGN.md section 7)."""

import os
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PLATFORM_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = PLATFORM_DIR.parent
VAR_DIR = Path(os.environ.get("ECMS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's and Django's.
    "ecms",
    "core",
    "accounts",
    "registry",
    "content",
    "forms_builder",
    "cases",
    "api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    # Third party
    "formtools",
    "import_export",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_rq",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicy",
    "core.middleware.RequestSizeLimit",
    "core.middleware.RefuseUnsafeInput",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "ecms.urls"
WSGI_APPLICATION = "ecms.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# The largest request accepted (files included): 5 files of 10 MB and the form, with room to spare.
ECMS_MAX_REQUEST_BYTES = int(os.environ.get("ECMS_MAX_REQUEST_BYTES", str(64 * 1024 * 1024)))
# Wrong passwords counted per account (then locked) and per address: accounts.backends.
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend"]
ECMS_TOKEN_TTL_HOURS = int(os.environ.get("ECMS_TOKEN_TTL_HOURS", "168"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "theme" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "ecms.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }

# --- Redis: cache and RQ queues when REDIS_URL is set; otherwise local memory and in-process jobs.
REDIS_URL = os.environ.get("REDIS_URL", "")


def _redis_url_with_timeouts(url: str) -> str:
    """Add short socket timeouts so an unreachable Redis fails fast instead of hanging a request."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", "2")
    query.setdefault("socket_timeout", "5")
    return urlunsplit(parts._replace(query=urlencode(query)))


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ecms",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

RQ_QUEUES = {
    "default": {
        "URL": _redis_url_with_timeouts(REDIS_URL or "redis://127.0.0.1:6379/0"),
        "DEFAULT_TIMEOUT": 600,
    },
}

# Background jobs (core.jobs). "rq" with Redis, "inprocess" without.
ECMS_JOBS = {
    "BACKEND": os.environ.get("ECMS_JOBS_BACKEND", "rq" if REDIS_URL else "inprocess"),
    "MAX_ATTEMPTS": int(os.environ.get("ECMS_JOBS_MAX_ATTEMPTS", "4")),
    # Seconds to wait before each retry: the last value repeats.
    "RETRY_INTERVALS": [30, 120, 600],
    # A job still pending this long after it was recorded is re-sent by the sweeper.
    "RESEND_AFTER_SECONDS": 60,
    # A job queued this long ago and not done is taken as lost by the queue and sent again.
    "LOST_AFTER_SECONDS": 3600,
}

# --- Authentication
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation: Arabic (default, right-to-left) and English.
LANGUAGE_CODE = "ar"
FORMAT_MODULE_PATH = ["ecms.formats"]  # day-first short dates in Arabic
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Baghdad"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no gravatar: nothing is fetched from outside the ministry
LANGUAGE_COOKIE_NAME = "ecms_language"
# Paths outside the language-prefixed portal: never redirected to /ar/ or /en/.
ECMS_UNPREFIXED_PATHS = [
    "/api/",
    "/admin/",
    "/healthz",
    "/django-rq/",
    "/documents/",
    "/jsi18n/",
    "/static/",
    "/media/",
]

# --- Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "theme" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ECMS_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Files uploaded in a wizard step wait here (private, never served) until the submission is complete.
ECMS_PENDING_UPLOADS_DIR = Path(os.environ.get("ECMS_PENDING_UPLOADS_DIR", VAR_DIR / "pending-uploads"))
# Case files and other private uploads: never served directly, only through permission-checked views.
ECMS_PRIVATE_MEDIA_ROOT = Path(os.environ.get("ECMS_PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
# Keys for tracking-code hashes, confidential-field encryption and the audit chain. Unset: derived from
# DJANGO_SECRET_KEY (set them apart in production so rotating one does not touch the others).
ECMS_TRACKING_KEY = os.environ.get("ECMS_TRACKING_KEY") or None
ECMS_FIELD_ENCRYPTION_KEY = os.environ.get("ECMS_FIELD_ENCRYPTION_KEY") or None
ECMS_AUDIT_KEY = os.environ.get("ECMS_AUDIT_KEY") or None
ECMS_SMS_BACKEND = os.environ.get("ECMS_SMS_BACKEND", "cases.notifications.log_sms")
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ecms@localhost")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# An inspection checklist in the form editor posts some 2,000 inputs (about 40 items, each with its texts in
# every language, conditions and settings); Django's default of 1,000 refused it with a bare 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail
WAGTAIL_SITE_NAME = "ECMS"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# --- REST framework (the API itself is configured in platform/api).
REST_FRAMEWORK = {
    # Token first, so an unauthenticated request gets 401 (with WWW-Authenticate), not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.SafeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.CheckedJSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.JSONOnlyNegotiation",
    "DEFAULT_PAGINATION_CLASS": None,
    # The client address is REMOTE_ADDR or what the last trusted proxy added: a forged X-Forwarded-For
    # cannot dodge the throttles.
    "NUM_PROXIES": int(os.environ.get("ECMS_TRUSTED_PROXY_COUNT", "0")),
    "DEFAULT_THROTTLE_RATES": {
        "submission_minute": os.environ.get("ECMS_RATE_SUBMISSION_MINUTE", "10/minute"),
        "submission_day": os.environ.get("ECMS_RATE_SUBMISSION_DAY", "200/day"),
        "tracking": os.environ.get("ECMS_RATE_TRACKING", "30/minute"),
        "auth": os.environ.get("ECMS_RATE_AUTH", "10/minute"),
        "public_read": os.environ.get("ECMS_RATE_PUBLIC_READ", "600/minute"),
        "lookup": os.environ.get("ECMS_RATE_LOOKUP", "60/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_URLCONF": "api.schema_urls",
    "TITLE": "ECMS API",
    "DESCRIPTION": "Electronic Case Management System: forms, submissions, tracking and case work.",
    "VERSION": "v1",
    # Only our versioned API is documented (Wagtail's admin API is internal).
    "PREPROCESSING_HOOKS": ["ecms.openapi.only_public_api_paths"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ecms.openapi.declare_error_responses",
    ],
}

# --- Security defaults that hold everywhere.
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt in to SAMEORIGIN themselves.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# How many reverse proxies sit in front of the app: used to find the real client address.
ECMS_TRUSTED_PROXY_COUNT = int(os.environ.get("ECMS_TRUSTED_PROXY_COUNT", "0"))
# How long a process trusts its memory of which version of a form is current: a publish in another
# process is seen within this many seconds (the publishing process sees it at once).
ECMS_FORMS_CURRENT_SECONDS = float(os.environ.get("ECMS_FORMS_CURRENT_SECONDS", "1"))
# How long a process trusts its memory of configuration read on every public request (case types and
# their workflow, governorates): an admin change is seen everywhere within this many seconds.
ECMS_CONFIG_CACHE_SECONDS = float(os.environ.get("ECMS_CONFIG_CACHE_SECONDS", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ECMS_LOG_LEVEL", "INFO")},
    "loggers": {"rq.worker": {"level": "INFO"}, "django_tasks": {"level": "WARNING"}},
}

ECMS_MINISTRY_NAME = _("Ministry of Labour and Social Affairs")
