"""The production web command: gunicorn with several worker processes (config/gunicorn.py)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(django_db_setup):
    """gunicorn on a free port with two workers, on this test run's database."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _test_database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(  # noqa: S603 - our own config
        [gunicorn, "-c", "config/gunicorn.py", "config.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(base, proc)
        yield base, proc
    finally:  # also when it never came up: no server outlives the tests
        proc.terminate()
        proc.wait(timeout=30)


def _wait_until_it_answers(base, proc, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/robots.txt", timeout=30)
            return
        except requests.RequestException:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited: {proc.stderr.read().decode()}")
            time.sleep(0.5)
    pytest.fail(f"gunicorn did not answer within {seconds}s")


def _test_database_url() -> str:
    db = connection.settings_dict  # the test database's name, not the configured one
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_the_web_command_runs_several_worker_processes(gunicorn):
    base, proc = gunicorn
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    assert len(children) == 2
    assert requests.get(f"{base}/robots.txt", timeout=10).status_code == 200


def test_a_request_nginx_forwarded_from_outside_cannot_read_the_metrics(gunicorn):
    """Metrics are open to loopback callers, not to the client address nginx forwards."""
    base, _proc = gunicorn
    # (a loopback caller is let in; the scrape itself is tested in test_metrics.py)
    assert requests.get(f"{base}/metrics", timeout=10).status_code != 403
    forwarded = requests.get(
        f"{base}/metrics", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=10
    )
    assert forwarded.status_code == 403
