"""Counters in the cache for limiting failures (tracking attempts) per client address and per reference.

The client address comes from ``client_address``: REMOTE_ADDR, or the address added by the last of the
``ECMS_TRUSTED_PROXY_COUNT`` proxies — never whatever the client writes in X-Forwarded-For.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    proxies = settings.ECMS_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def _key(bucket: str, subject: str, window: int) -> str:
    digest = hashlib.sha256(subject.encode("utf-8")).hexdigest()[:32]
    return f"rl:{bucket}:{window}:{digest}:{int(time.time() // window)}"


def is_limited(bucket: str, subject: str, *, limit: int, window: int) -> bool:
    return (cache.get(_key(bucket, subject, window)) or 0) >= limit


def hit(bucket: str, subject: str, *, window: int) -> int:
    key = _key(bucket, subject, window)
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        return 1


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
