"""The test suite: fast hashing, local files under a temporary folder, same backends as the environment."""

import tempfile

from ecms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-test-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="ecms-test-media-")
ECMS_PENDING_UPLOADS_DIR = tempfile.mkdtemp(prefix="ecms-test-pending-")
ECMS_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="ecms-test-private-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ECMS_CREATE_DEMO_USERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
if not DATABASE_URL:  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": VAR_DIR / "test.sqlite3"}  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Tests change configuration and read it back at once; tests/ecms/test_localcache.py covers the memory.
ECMS_CONFIG_CACHE_SECONDS = 0
