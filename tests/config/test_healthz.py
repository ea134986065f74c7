import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_service_up(client, es):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {
        "ok": True,
        "vendor": "postgresql",
        "ms": body["checks"]["database"]["ms"],
    }
    assert body["checks"]["elasticsearch"]["ok"] is True
    assert body["checks"]["redis"]["configured"] is True


def test_healthz_reports_elasticsearch_down_without_failing(client, settings):
    from search.client import get_client

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    get_client.cache_clear()
    try:
        response = client.get("/healthz")
    finally:
        get_client.cache_clear()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["elasticsearch"]["ok"] is False
    assert "error" in body["checks"]["elasticsearch"]


@override_settings(REDIS_URL="redis://127.0.0.1:9/0")
def test_healthz_reports_redis_down_without_failing(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["ok"] is False


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from config import health

    def broken():
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
