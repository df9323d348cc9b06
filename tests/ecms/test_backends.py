"""In the CI's second run the suite must really use PostgreSQL and Redis (ECMS_EXPECT_BACKENDS)."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

EXPECTED = {name.strip() for name in os.environ.get("ECMS_EXPECT_BACKENDS", "").split(",") if name.strip()}


@pytest.mark.skipif("postgresql" not in EXPECTED, reason="this run does not expect PostgreSQL")
@pytest.mark.django_db
def test_run_uses_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@pytest.mark.skipif("redis" not in EXPECTED, reason="this run does not expect Redis")
def test_run_uses_redis_for_cache_and_jobs():
    import django_rq

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("backend-check", "yes", 5)
    assert cache.get("backend-check") == "yes"
    assert settings.ECMS_JOBS["BACKEND"] == "rq"
    assert django_rq.get_connection("default").ping() is True


@pytest.mark.skipif(bool(EXPECTED), reason="the default run")
@pytest.mark.django_db
def test_default_run_uses_sqlite_and_in_process_jobs():
    assert connection.vendor == "sqlite"
    assert settings.ECMS_JOBS["BACKEND"] == "inprocess"
