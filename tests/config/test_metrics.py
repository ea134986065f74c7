"""/metrics for the stack's scraper, a request id in every log line, errors to Sentry."""

import gzip
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from django.urls import resolve

from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.7"


def test_the_stacks_scraper_reads_latency_by_view_and_the_backlogs(client):
    client.get("/robots.txt")
    AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN_FAILED, actor_email="x@example.cn")

    body = client.get("/metrics").content.decode()

    view = resolve("/robots.txt").view_name
    assert f'linyi_request_seconds_count{{method="GET",status="2xx",view="{view}"}}' in body
    assert "linyi_search_outbox_backlog" in body
    assert "linyi_task_queue_depth" in body
    assert "linyi_failed_logins_last_hour 1.0" in body


def test_metrics_are_refused_to_the_outside(client):
    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 403


def test_metrics_are_refused_to_requests_forwarded_by_the_proxy(client):
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert response.status_code == 403


def test_a_token_opens_metrics_from_anywhere(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-the-scraper"
    assert (
        client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer nope").status_code
        == 403
    )
    response = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer s3cret-token-for-the-scraper"
    )
    assert response.status_code == 200


def test_a_refused_webhook_is_counted(client, settings):
    def failures():
        for line in client.get("/metrics").content.decode().splitlines():
            if line.startswith("linyi_webhook_failures_total") and 'reason="signature"' in line:
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    before = failures()
    client.post("/payments/stripe/webhook", b"{}", content_type="application/json")
    assert failures() == before + 1


def test_every_response_carries_a_request_id_and_log_lines_name_it(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="proxy-req-12345678")
    assert response["X-Request-ID"] == "proxy-req-12345678"
    assert any(getattr(r, "request_id", "") == "proxy-req-12345678" for r in caplog.records)


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


class _Sentry(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


SENTRY_CLIENT = """
import sys, django
django.setup()
import sentry_sdk
from config.sentry import init_sentry
init_sentry(dsn=sys.argv[1], environment="test")
try:
    raise RuntimeError("对账任务失败")
except RuntimeError as exc:
    sentry_sdk.capture_exception(exc)
sentry_sdk.flush(timeout=5)
"""


def test_an_error_reaches_sentry_when_a_dsn_is_set():
    """In a process of its own: sentry-sdk patches Django's signals for the life of a process,
    which would slow every later test that renders models (migration tests)."""
    server = HTTPServer(("127.0.0.1", 0), _Sentry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
        subprocess.run(  # noqa: S603 - our interpreter, our script
            [sys.executable, "-c", SENTRY_CLIENT, dsn],
            check=True,
            timeout=60,
            env=os.environ,
            cwd=settings.BASE_DIR,
        )
    finally:
        server.shutdown()
    assert any(b"RuntimeError" in body for body in _Sentry.received)
