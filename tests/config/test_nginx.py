"""The real nginx, configured by deploy/nginx.conf and started by scripts/nginx, in front of the app
served by daphne (forked with this test run's settings and database, as the room tests do)."""

import base64
import hashlib
import io
import json
import os
import socket
import subprocess
import time
from functools import partial
from pathlib import Path

import pytest
import requests
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections
from django.test import Client, override_settings
from PIL import Image

from brokerage.models import Stage
from core.files import private_storage
from tests.brokerage.factories import EngagementFactory, supply_user

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_port(django_db_setup, django_db_blocker):
    """daphne on a free port, answering private downloads with X-Accel-Redirect as in production."""
    with override_settings(
        ROOT_URLCONF="tests.config.nginx_urls", PRIVATE_MEDIA_X_ACCEL="/_private/"
    ):
        connections.close_all()  # the child must not share the parent's socket
        server = DaphneProcess("127.0.0.1", partial(make_application, static_wrapper=None))
        server.daemon = True
        with django_db_blocker.unblock():  # the fork inherits the test database, unblocked
            server.start()
        if not server.ready.wait(timeout=30):
            pytest.fail(f"daphne did not start: {server.errors.get_nowait()}")
        yield server.port.value
        server.terminate()
        server.join(timeout=10)


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("media")
    (root / "images").mkdir()
    Image.new("RGB", (8, 8), "#0b5d63").save(root / "images" / "logo.png")
    return root


@pytest.fixture(scope="module")
def proxy(app_port, media_root, tmp_path_factory):
    """The base URL of nginx in front of the app; stopped again after the module."""
    port = free_port()
    env = {
        **os.environ,
        "NGINX_PORT": str(port),
        "NGINX_UPSTREAM": f"127.0.0.1:{app_port}",
        "NGINX_DIR": str(tmp_path_factory.mktemp("nginx")),
        "STATIC_ROOT": str(ROOT / "static"),
        "MEDIA_ROOT": str(media_root),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    script = str(ROOT / "scripts" / "nginx")
    started = subprocess.run(  # noqa: S603 - fixed argv, our own script
        [script, "start"], env=env, capture_output=True, text=True
    )
    if started.returncode:
        pytest.fail(f"scripts/nginx start failed: {started.stderr}")
    yield f"http://127.0.0.1:{port}"
    subprocess.run([script, "stop"], env=env, check=True, capture_output=True)  # noqa: S603


def test_public_images_are_served_from_media_root(proxy, media_root):
    response = requests.get(f"{proxy}/media/images/logo.png", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.content == (media_root / "images" / "logo.png").read_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_and_the_favicon_are_served_by_nginx(proxy):
    css = requests.get(f"{proxy}/static/css/portal.css", timeout=10)
    assert css.status_code == 200
    assert css.content == (ROOT / "static" / "css" / "portal.css").read_bytes()
    icon = requests.get(f"{proxy}/favicon.ico", timeout=10)
    assert icon.status_code == 200
    assert icon.content == (ROOT / "static" / "img" / "favicon.ico").read_bytes()


def test_private_files_cannot_be_fetched_at_the_internal_location(proxy):
    name = private_storage().save("annexes/2026/secret.pdf", ContentFile(b"%PDF-1.4 secret"))
    response = requests.get(f"{proxy}/_private/{name}", timeout=10)
    assert response.status_code == 404
    assert b"secret" not in response.content


def test_private_files_reach_the_client_through_the_apps_x_accel_redirect(proxy):
    content = b"%PDF-1.4 the signed contract"
    name = private_storage().save("contracts/2026/a1b2c3.pdf", ContentFile(content))
    response = requests.get(f"{proxy}/test-private/{name}", timeout=10)
    assert response.status_code == 200
    assert response.content == content
    assert "X-Accel-Redirect" not in response.headers
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"


def test_app_pages_are_proxied_with_the_clients_address_and_scheme(proxy):
    response = requests.get(
        f"{proxy}/test-headers", headers={"X-Forwarded-For": "6.6.6.6"}, timeout=10
    )
    seen = response.json()
    # nginx is the edge: a client cannot pass off another address.
    assert seen["forwarded_for"] == "127.0.0.1"
    assert seen["forwarded_proto"] == "http"
    assert seen["host"] == proxy.removeprefix("http://")


def test_uploads_over_25_megabytes_are_refused_before_reaching_the_app(proxy):
    response = requests.post(f"{proxy}/test-headers", data=b"x" * (26 * 1024 * 1024), timeout=30)
    assert response.status_code == 413


def renders(response) -> int:
    return response.json()["render"]


def test_a_page_the_app_marks_is_answered_by_the_proxy_for_its_seconds(proxy):
    url = f"{proxy}/test-edge/public"
    first = requests.get(url, timeout=10)
    again = requests.get(url, timeout=10)
    assert again.headers["X-Edge-Cache"] == "HIT" and renders(again) == renders(first)
    assert "X-Accel-Expires" not in again.headers
    time.sleep(3.1)  # nginx counts whole seconds: 2 s ends within 3
    # Past its seconds, one request refreshes it (served the old copy meanwhile), then it is new.
    fresh = []
    for _ in range(10):
        fresh.append(renders(requests.get(url, timeout=10)))
        time.sleep(0.2)
    assert fresh[-1] > renders(first)


def test_the_proxy_never_keeps_a_page_for_a_signed_in_visitor_or_an_htmx_request(proxy):
    url = f"{proxy}/test-edge/public"
    requests.get(url, timeout=10)
    for headers in ({"Cookie": "sessionid=abc"}, {"Cookie": "messages=x"}, {"HX-Request": "true"}):
        one = requests.get(url, headers=headers, timeout=10)
        two = requests.get(url, headers=headers, timeout=10)
        assert one.headers["X-Edge-Cache"] == "BYPASS", headers
        assert renders(two) == renders(one) + 1, headers


def test_the_proxy_keeps_nothing_unmarked_nothing_that_sets_a_cookie_and_no_post(proxy):
    for variant in ("private", "cookie"):
        url = f"{proxy}/test-edge/{variant}"
        one, two = requests.get(url, timeout=10), requests.get(url, timeout=10)
        assert renders(two) == renders(one) + 1, variant
        assert two.headers["X-Edge-Cache"] == "MISS", variant
    posted = [renders(requests.post(f"{proxy}/test-edge/public", timeout=10)) for _ in range(2)]
    assert posted[1] == posted[0] + 1


def websocket_handshake(base_url: str, path: str, cookie: str = ""):
    """A raw RFC 6455 handshake; returns the status line, the response headers and the socket."""
    host = base_url.removeprefix("http://")
    address, port = host.split(":")
    sock = socket.create_connection((address, int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: localhost:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        f"Origin: http://localhost:{port}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    reader = sock.makefile("rb")
    status = reader.readline().decode().strip()
    headers = {}
    while (line := reader.readline().decode().strip()) != "":
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    expected = base64.b64encode(
        hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()  # noqa: S324 - RFC 6455's
    ).decode()
    return status, headers, expected, reader, sock


def read_text_frame(reader: io.BufferedReader) -> str:
    first, second = reader.read(2)
    assert first & 0x0F == 0x1, "expected a text frame"
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(reader.read(2), "big")
    elif length == 127:
        length = int.from_bytes(reader.read(8), "big")
    return reader.read(length).decode()


@pytest.mark.django_db(transaction=True)
def test_a_websocket_upgrade_through_the_proxy_reaches_the_negotiation_room(proxy):
    engagement = EngagementFactory(stage=Stage.CONTACTED)
    client = Client()
    client.force_login(supply_user(engagement))
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    status, headers, expected, reader, sock = websocket_handshake(
        proxy, f"/ws/engagements/{engagement.pk}/room/", cookie
    )
    try:
        assert status.startswith("HTTP/1.1 101")
        assert headers["upgrade"].lower() == "websocket"
        assert headers["sec-websocket-accept"] == expected
        assert "type" in json.loads(read_text_frame(reader))  # the room itself speaks
    finally:
        sock.close()


def test_the_room_refuses_an_anonymous_websocket_not_the_proxy(proxy):
    status, _headers, _expected, _reader, sock = websocket_handshake(
        proxy, "/ws/engagements/1/room/"
    )
    sock.close()
    # The app closes before accepting (daphne answers 403); nginx itself would have said 4xx/5xx
    # with its own page only if it had not passed the upgrade on.
    assert status.startswith("HTTP/1.1 403")
