"""The Redis cache, made to degrade instead of failing requests (docs/operations.md, "Redis outage").

Everything the cache holds can be recomputed from the database, so when Redis does not answer a read is a
miss and a write is skipped: pages, submissions and tracking go on, more slowly. After a failure the
process does not try Redis again for ``ECMS_CACHE_RETRY_SECONDS`` (5 s), so a request never waits on a
dead server more than once in that time; the outage is logged once, and again when Redis is back.
``/healthz`` reports the cache as failed meanwhile.
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_outage = {"until": 0.0, "error": ""}


def redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def redis_unavailable() -> str:
    """The error of the current outage ("" when Redis is believed up): callers skip Redis meanwhile."""
    return _outage["error"] if _outage["until"] > time.monotonic() else ""


def redis_failed(error: BaseException) -> None:
    """Note a failure: Redis is left alone for a few seconds (logged once per outage)."""
    seconds = float(getattr(settings, "ECMS_CACHE_RETRY_SECONDS", 5))
    with _lock:
        if not _outage["error"]:
            logger.warning("Redis is unreachable (%s): caches miss and throttles count per process.", error)
        _outage.update(until=time.monotonic() + seconds, error=error.__class__.__name__)


def redis_answered() -> None:
    if _outage["error"]:
        with _lock:
            if _outage["error"]:
                logger.warning("Redis answers again.")
                _outage.update(until=0.0, error="")


def _degrading(default):
    """Run a cache operation; while Redis is down, answer ``default(args)`` instead of raising."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if redis_unavailable():
                return default(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except redis_errors() as error:
                redis_failed(error)
                return default(*args, **kwargs)
            redis_answered()
            return result

        return wrapper

    return decorate


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, *args, **kwargs):
    return default


def _empty(*args, **kwargs):
    return {}


def _unset_many(data, *args, **kwargs):
    return list(data)  # every key failed to be set


def _incr_missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable)")


class ResilientRedisCache(RedisCache):
    """Django's Redis cache; a Redis that does not answer is a miss, never an error."""

    get = _degrading(_default)(RedisCache.get)
    get_many = _degrading(_empty)(RedisCache.get_many)
    has_key = _degrading(_false)(RedisCache.has_key)
    add = _degrading(_false)(RedisCache.add)
    set = _degrading(_none)(RedisCache.set)
    set_many = _degrading(_unset_many)(RedisCache.set_many)
    touch = _degrading(_false)(RedisCache.touch)
    delete = _degrading(_false)(RedisCache.delete)
    delete_many = _degrading(_none)(RedisCache.delete_many)
    incr = _degrading(_incr_missing)(RedisCache.incr)
    clear = _degrading(_none)(RedisCache.clear)
