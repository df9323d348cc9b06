import pytest

from ecms import health


@pytest.mark.django_db
def test_health_reports_ok_for_database_cache_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_health_returns_503_naming_what_failed(client, monkeypatch):
    class BrokenCache:
        def set(self, *args, **kwargs):
            raise ConnectionError("cache is down")

    monkeypatch.setattr(health, "cache", BrokenCache())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["failed"] == ["cache"]
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_health_reports_an_unreachable_queue(client, settings):
    settings.ECMS_JOBS = {**settings.ECMS_JOBS, "BACKEND": "rq"}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0?socket_connect_timeout=1"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["queue"]


def test_health_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405
