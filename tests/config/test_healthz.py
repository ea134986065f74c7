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


def _with_elasticsearch_unreachable(client, settings):
    from search.client import get_client

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    get_client.cache_clear()
    try:
        return client.get("/healthz")
    finally:
        get_client.cache_clear()


def test_healthz_reports_elasticsearch_down_without_failing(client, settings):
    response = _with_elasticsearch_unreachable(client, settings)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["elasticsearch"]["ok"] is False


def test_anonymous_healthz_shows_no_exception_text_when_elasticsearch_is_unreachable(
    client, settings
):
    text = _with_elasticsearch_unreachable(client, settings).content.decode()
    assert "error" not in text and "127.0.0.1" not in text and "Connection" not in text


def test_staff_read_the_exception_text_on_healthz(client, settings):
    from tests.accounts.factories import staff_user

    client.force_login(staff_user())
    body = _with_elasticsearch_unreachable(client, settings).json()
    assert "Connection" in body["checks"]["elasticsearch"]["error"]


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
