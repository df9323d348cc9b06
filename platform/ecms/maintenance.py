"""Housekeeping jobs: what has outlived its purpose is removed (expired sessions, with any draft in them,
and idempotency records past their day)."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from api.idempotency import purge


def clear_expired_records() -> dict[str, int]:
    """Job (daily): delete expired sessions and old idempotency records. Returns how many of each."""
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        sessions, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    else:
        engine.SessionStore.clear_expired()
        sessions = 0
    return {"sessions": sessions, "idempotency": purge()}
