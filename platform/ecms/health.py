"""GET /healthz: database, cache and task queue, 200 when all answer and 503 naming what failed."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import jobs
from core.cache import redis_unavailable


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure is reported, never raised
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": exc.__class__.__name__}
    if ok:
        return {"ok": True}
    return {"ok": False, "error": redis_unavailable() or "ValueMismatch"}


def check_queue() -> dict:
    try:
        return jobs.queue_status()
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": exc.__class__.__name__}


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue}


@never_cache
@require_GET
def healthz(request):
    results = {name: check() for name, check in CHECKS.items()}
    failed = sorted(name for name, result in results.items() if not result["ok"])
    body = {"status": "ok" if not failed else "fail", "failed": failed, "checks": results}
    return JsonResponse(body, status=200 if not failed else 503)
