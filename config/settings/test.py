import tempfile

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"
DEBUG = False
# Tests run on PostgreSQL, as production does (scripts/postgres starts it).
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://linyi@127.0.0.1:54329/linyi")}
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="test_linyi")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Private files go to a throwaway folder on disk, as in production (the proxy tests read it).
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="linyi-test-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "core.files.PrivateStorage"},
}
ACCOUNT_RATE_LIMITS = False
# Payments talk to stripe-mock (scripts/stripe-mock); webhook tests sign with this secret.
STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:12111")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_123")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_test_linyi_payments")
# Pages are rendered afresh in tests; tests/config/test_page_cache.py turns the cache on.
PAGE_CACHE_SECONDS = 0
