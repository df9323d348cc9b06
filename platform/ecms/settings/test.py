"""The test suite: fast hashing, local files under a temporary folder, same backends as the environment."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw") and os.environ.get("REDIS_URL"):
    # Each pytest-xdist worker has its own Redis database, as it has its own test database: throttle
    # counters, job queues and cache.clear() of one worker never touch the other's.
    _parts = urlsplit(os.environ["REDIS_URL"])
    _base = int(_parts.path.strip("/") or 0)
    os.environ["REDIS_URL"] = urlunsplit(_parts._replace(path=f"/{max(_base - int(_WORKER[2:]), 0)}"))

from ecms.settings.base import *  # noqa: E402, F403

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
