"""gunicorn for the HTTP side (WSGI); daphne serves only the WebSocket rooms under /ws/.

    gunicorn -c config/gunicorn.py config.wsgi:application

Sync workers behind nginx: nginx buffers slow clients, so a worker is busy only while Django
works. WEB_CONCURRENCY sets the number of processes (default 2 per core + 1), GUNICORN_BIND the
address. Workers are recycled after a few thousand requests so a slow leak cannot grow.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = 5000
max_requests_jitter = 500
# nginx in front sets X-Forwarded-Proto; config/wsgi.py takes the client address it forwards.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# The app logs every request itself (with its request id); gunicorn logs errors only.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Load the app in the master: workers fork with Django already set up (faster start, shared pages).
preload_app = True


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR set, /metrics adds up every worker: drop a dead one."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
