from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
# Templates and code change under the developer: pages are rendered afresh unless asked.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Tasks run inline during `make run`, so a newcomer needs no worker process.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}
