"""Process metrics every app may record (Prometheus); config/metrics.py serves them at /metrics.

With several server processes, set PROMETHEUS_MULTIPROC_DIR so they share one view
(prometheus_client's multiprocess mode).
"""

import time

from prometheus_client import Counter, Histogram

REQUEST_LATENCY = Histogram(
    "linyi_request_seconds",
    "Time to answer an HTTP request, by view",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
WEBHOOK_FAILURES = Counter(
    "linyi_webhook_failures_total", "Webhook deliveries refused or failed", ["source", "reason"]
)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unresolved"
        REQUEST_LATENCY.labels(view, request.method, f"{response.status_code // 100}xx").observe(
            time.perf_counter() - started
        )
        return response
