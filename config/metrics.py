"""GET /metrics: Prometheus text format, for the stack's own scraper or a holder of the token.

Request latency and webhook failures are counted in process (core/metrics.py); the backlogs are
read from the database at scrape time, so every process reports the same numbers.
"""

import ipaddress
import os
from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and constant_time_compare(header, f"Bearer {token}"):
        return True
    # A request through the proxy carries X-Forwarded-For: it came from outside the stack.
    if request.headers.get("X-Forwarded-For"):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETS)


class BacklogCollector:
    """Queue depths and recent failures, counted in the database."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from accounts.models import AuditEvent
        from search.models import IndexTask

        hour_ago = timezone.now() - timedelta(hours=1)
        yield _gauge("linyi_search_outbox_backlog", "Index changes waiting", IndexTask.objects)
        yield _gauge(
            "linyi_task_queue_depth",
            "Background tasks ready to run",
            DBTaskResult.objects.filter(status="READY"),
        )
        yield _gauge(
            "linyi_failed_tasks_last_hour",
            "Background tasks that failed in the last hour",
            DBTaskResult.objects.filter(status="FAILED", finished_at__gte=hour_ago),
        )
        yield _gauge(
            "linyi_failed_logins_last_hour",
            "Failed sign-ins in the last hour",
            AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED, created_at__gte=hour_ago),
        )


def _gauge(name, documentation, queryset):
    family = GaugeMetricFamily(name, documentation)
    family.add_metric([], queryset.count())
    return family


def _registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


@never_cache
@require_GET
def metrics(request):
    if not _allowed(request):
        return HttpResponseForbidden("metrics are for the stack's own scraper")
    registry = CollectorRegistry()
    registry.register(BacklogCollector())
    body = generate_latest(_registry()) + generate_latest(registry)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
