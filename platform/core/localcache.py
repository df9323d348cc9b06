"""A per-process memory of configuration read on every public request (case types with their workflow,
governorates), trusted for ``ECMS_CONFIG_CACHE_SECONDS`` (1 s by default; 0 turns it off).

Configuration changes rarely and is edited in the admin: a change is seen by every process within that
time. What is remembered is read-only for the callers (docs/decisions.md).
"""

import threading
import time

from django.conf import settings

_lock = threading.Lock()
_store: dict[tuple[str, object], tuple[float, object]] = {}


def remembered(name: str, key, compute):
    """``compute()``'s value for (name, key), computed again once older than the configured time."""
    seconds = float(getattr(settings, "ECMS_CONFIG_CACHE_SECONDS", 1.0))
    if seconds <= 0:
        return compute()
    found = _store.get((name, key))
    now = time.monotonic()
    if found is not None and found[0] > now:
        return found[1]
    value = compute()
    with _lock:
        if len(_store) > 1024:
            _store.clear()
        _store[(name, key)] = (now + seconds, value)
    return value


def clear() -> None:
    with _lock:
        _store.clear()
