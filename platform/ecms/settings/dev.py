"""Local development and the demo served by `make run`."""

from ecms.settings.base import *  # noqa: F403
from ecms.settings.base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
# A development-only key; production.py refuses anything like it.
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-key-never-use-in-production"  # noqa: F405
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
ECMS_CREATE_DEMO_USERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
WHITENOISE_AUTOREFRESH = DEBUG  # rescans static files per request: development only
