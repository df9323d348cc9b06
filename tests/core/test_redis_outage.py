"""With Redis really stopped, the public is not failed: portal pages, a submission and tracking answer as
usual (caches miss and read the database, throttles count per process), and /healthz says 503 "cache"."""

import pytest
from django.core.cache import cache

from cases.models import Case
from content.services import portal_pages_setup
from core import cache as resilient
from tests.core.redis_server import RedisServer
from tests.schemes.helpers import GRIEVANCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def stopped_redis(settings, tmp_path, shipped):
    server = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "outage",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    portal_pages_setup()
    cache.set("probe", "1")
    assert cache.get("probe") == "1", "Redis answered before it was stopped"
    server.stop()
    yield server
    server.stop()
    resilient._outage.update(until=0.0, error="")


def test_the_public_is_served_while_redis_is_stopped(client, stopped_redis, settings):
    assert client.get("/en/").status_code == 200
    assert client.get("/ar/").status_code == 200
    assert client.get("/en/complaint/?start=1").status_code == 200
    assert client.get("/api/v1/forms/grievance_intake/").status_code == 200
    submitted = client.post(
        "/api/v1/forms/grievance_intake/submissions/",
        {"data": GRIEVANCE, "language": "en"},
        content_type="application/json",
        headers={"idempotency-key": "outage-1"},
    )
    assert submitted.status_code == 201, submitted.content
    body = submitted.json()
    assert Case.objects.filter(reference=body["reference"]).exists()
    tracked = client.post(
        "/en/track/", {"reference": body["reference"], "tracking_code": body["tracking_code"]}
    )
    assert tracked.status_code == 200
    api_tracked = client.post(
        "/api/v1/track/",
        {"reference": body["reference"], "tracking_code": body["tracking_code"]},
        content_type="application/json",
    )
    assert api_tracked.status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 503 and "cache" in health.json()["failed"]
    assert health.json()["checks"]["cache"]["error"] == "ConnectionError"


def test_throttles_still_hold_per_process_while_redis_is_stopped(client, stopped_redis, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "lookup": "2/minute"},
    }
    codes = [client.get("/api/v1/establishments/lookup/", {"q": "bakery"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_cache_comes_back_with_redis(client, stopped_redis, settings):
    assert cache.get("probe") is None
    stopped_redis.start()
    resilient._outage.update(until=0.0)  # the retry pause is over
    cache.set("again", "yes")
    assert cache.get("again") == "yes"
    assert client.get("/healthz").json()["checks"]["cache"] == {"ok": True}
