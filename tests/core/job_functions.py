"""Module-level job functions for the job tests (jobs must be importable by dotted path)."""

import uuid

from django.contrib.auth.models import Group
from django.core.cache import cache


def record_effect(*, key: str) -> None:
    """One visible effect per run: a new group named after the key."""
    Group.objects.create(name=f"{key}:{uuid.uuid4().hex[:8]}")


def fail_then_succeed(*, key: str, failures: int) -> None:
    """Fail the first ``failures`` runs, then have the effect. The run counter lives outside the database."""
    cache.add(f"runs:{key}", 0, timeout=None)
    runs = cache.incr(f"runs:{key}")
    if runs <= failures:
        raise RuntimeError(f"planned failure {runs} of {failures}")
    record_effect(key=key)


def effect_count(key: str) -> int:
    return Group.objects.filter(name__startswith=f"{key}:").count()
