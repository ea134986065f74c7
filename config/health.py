"""GET /healthz: the state of each backing service, for load balancers and people."""

import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check()
        result = {"ok": True}
        if detail:
            result.update(detail)
    except Exception as exc:  # noqa: BLE001 - any failure is a state to report
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _elasticsearch():
    from search.client import get_client

    health = get_client().options(request_timeout=2).cluster.health()
    return {"status": health["status"]}


def _redis():
    if not settings.REDIS_URL:
        return {"configured": False}
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    client.ping()
    return {"configured": True}


def _errors(checks: dict) -> str:
    return "; ".join(f"{name}: {c['error']}" for name, c in checks.items() if "error" in c)


CHECKS = {"database": _database, "elasticsearch": _elasticsearch, "redis": _redis}
EXTRA = []  # other apps append (name, callable) pairs reporting backlogs etc.


@never_cache
@require_GET
def healthz(request):
    checks = {name: _timed(check) for name, check in CHECKS.items()}
    for name, check in EXTRA:
        checks[name] = _timed(check)
    healthy = checks["database"]["ok"]
    if not all(c["ok"] for c in checks.values()):
        log.warning("healthz degraded: %s", _errors(checks), extra={"checks": checks})
    status = "ok" if all(c["ok"] for c in checks.values()) else ("degraded" if healthy else "down")
    if not request.user.is_staff:
        # Exception text names hosts, ports and versions: staff and the log see it, no one else.
        checks = {name: _without_error(check) for name, check in checks.items()}
    return JsonResponse({"status": status, "checks": checks}, status=200 if healthy else 503)


def _without_error(check: dict) -> dict:
    return {key: value for key, value in check.items() if key != "error"}
