"""Rate-limit counters in the cache: the API's throttles, and failures (tracking attempts) per client
address and per reference.

The client address comes from ``client_address``: REMOTE_ADDR, or the address added by the last of the
``ECMS_TRUSTED_PROXY_COUNT`` proxies — never whatever the client writes in X-Forwarded-For.

Counters are fixed windows. With Redis, a hit is one pipelined round trip (INCR and EXPIRE on this
window's counter, GET of the previous window's) instead of DRF's read-modify-write of a list of times;
``sliding_count`` then weighs the previous window by how much of it still overlaps the last ``window``
seconds, so a burst across a window boundary cannot double the rate.

When Redis does not answer, the counters fall back to this process's memory (logged, see ``core.cache``):
limits then hold per process instead of across processes, and no request fails.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.dispatch import receiver

from core.cache import redis_answered, redis_errors, redis_failed, redis_unavailable

_redis = None
_process_counters = LocMemCache("ecms-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 20000}})


def client_address(request) -> str:
    proxies = settings.ECMS_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def _redis_client():
    """A client of the cache's Redis, kept for the process (its pool reconnects after a fork), or None."""
    global _redis
    if _redis is None:
        backend = settings.CACHES["default"]["BACKEND"]
        if not backend.endswith("RedisCache"):
            _redis = False
        else:
            import redis

            options = settings.CACHES["default"].get("OPTIONS", {})
            _redis = redis.Redis.from_url(
                settings.CACHES["default"]["LOCATION"],
                socket_connect_timeout=options.get("socket_connect_timeout", 2),
                socket_timeout=options.get("socket_timeout", 5),
            )
    return _redis or None


@receiver(setting_changed)
def _forget_client(*, setting, **kwargs):
    """A changed cache configuration (tests) gets a new client."""
    global _redis
    if setting == "CACHES":
        _redis = None


def _key(bucket: str, subject: str, window: int, index: int) -> str:
    digest = hashlib.sha256(subject.encode("utf-8")).hexdigest()[:32]
    return f"rl:{bucket}:{window}:{digest}:{index}"


def _hit_counts(bucket: str, subject: str, window: int, now: float) -> tuple[int, int]:
    """Count one hit; (hits in this window so far, hits in the previous window)."""
    index = int(now // window)
    key, previous_key = _key(bucket, subject, window, index), _key(bucket, subject, window, index - 1)
    client = _live_redis()
    if client is not None:
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        try:
            pipe = client.pipeline(transaction=False)
            pipe.incr(f"{prefix}:{key}")
            pipe.expire(f"{prefix}:{key}", 2 * window + 5, nx=True)
            pipe.get(f"{prefix}:{previous_key}")
            current, _expiry, previous = pipe.execute()
        except redis_errors() as error:
            redis_failed(error)
        else:
            redis_answered()
            return int(current), int(previous or 0)
    store = _local_store()
    store.add(key, 0, timeout=2 * window + 5)
    try:
        current = store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=2 * window + 5)
        current = 1
    return current, int(store.get(previous_key) or 0)


def _live_redis():
    """The Redis client, unless Redis is known to be down right now (then None)."""
    client = _redis_client()
    return None if client is None or redis_unavailable() else client


def _local_store():
    """Where counters live without Redis: the configured cache, or this process's memory when the
    configured cache is a Redis that does not answer."""
    return cache if _redis_client() is None else _process_counters


def sliding_count(bucket: str, subject: str, *, window: int, now: float | None = None) -> float:
    """Count one hit and return the hits in the last ``window`` seconds (this one included), estimated
    from this window's counter and the overlapping part of the previous one."""
    now = time.time() if now is None else now
    current, previous = _hit_counts(bucket, subject, window, now)
    overlap = 1 - (now % window) / window
    return current + previous * overlap


def _count(bucket: str, subject: str, window: int) -> int:
    key = _key(bucket, subject, window, int(time.time() // window))
    client = _live_redis()
    if client is not None:
        prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
        try:
            return int(client.get(f"{prefix}:{key}") or 0)
        except redis_errors() as error:
            redis_failed(error)
    return int(_local_store().get(key) or 0)


def is_limited(bucket: str, subject: str, *, limit: int, window: int) -> bool:
    return _count(bucket, subject, window) >= limit


def hit(bucket: str, subject: str, *, window: int) -> int:
    """Count one hit in this fixed window; the hits in it so far."""
    return _hit_counts(bucket, subject, window, time.time())[0]


TRACKING_LIMITS = {
    "per_address": {"limit": 5, "window": 60},  # failures per minute per client address
    "per_reference": {"limit": 10, "window": 86400},  # failures per day per reference
}


def tracking_address_blocked(address: str) -> bool:
    limits = getattr(settings, "ECMS_TRACKING_LIMITS", TRACKING_LIMITS)
    return is_limited("track-addr", address, **limits["per_address"])


def tracking_reference_blocked(reference: str) -> bool:
    limits = getattr(settings, "ECMS_TRACKING_LIMITS", TRACKING_LIMITS)
    return is_limited("track-ref", reference.upper(), **limits["per_reference"])


def tracking_failed(address: str, reference: str) -> None:
    limits = getattr(settings, "ECMS_TRACKING_LIMITS", TRACKING_LIMITS)
    hit("track-addr", address, window=limits["per_address"]["window"])
    hit("track-ref", reference.upper(), window=limits["per_reference"]["window"])


PUBLIC_STEP_LIMITS = {"limit": 20, "window": 3600}  # steps taken from tracking, per client address per hour


def public_step_blocked(address: str) -> bool:
    """Count one public step (tracking page or API) from ``address``; whether it is over the limit."""
    limits = getattr(settings, "ECMS_PUBLIC_STEP_LIMITS", PUBLIC_STEP_LIMITS)
    return hit("public-step", address, window=limits["window"]) > limits["limit"]
