"""Settings shared by every mode; values that differ per machine come from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",
    # Project apps first so their templates override third-party ones.
    "core",
    "accounts",
    "marketplace",
    "search",
    "notifications",
    "cms",
    "payments",
    "challenges",
    "brokerage",
    "evaluation",
    "reports",
    "portal",  # the top floor: cross-app orchestration (demo loader, home figures)
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",  # "Translate" action: English copies of pages
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # No separate "modelsearch": wagtail.search is its app config, and two instances make
    # modelsearch refuse to index anything ("Multiple instances of the modelsearch app").
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.weixin",
    # Infrastructure
    "channels",
    "django_tasks",
    "django_tasks_db",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.requestid.RequestIdMiddleware",
    "core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "accounts.middleware.RememberLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees the resolved view: anonymous public pages from the cache (core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
# CSRF refusals get the portal's page (templates/403_csrf.html), in the visitor's language.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.PortalFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login; it must be verified before a user can post anything.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# Two-step verification: TOTP plus recovery codes; required for staff and brokers
# (accounts.middleware.RequireMFAMiddleware), optional for everyone else.
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "临沂技术成果交易平台"
MFA_TOTP_TOLERANCE = 1
ACCOUNTS_MFA_REQUIRED = env.bool("ACCOUNTS_MFA_REQUIRED", default=True)
# Days between a deletion request and the erasure of the account's personal data (冷静期);
# the user may withdraw the request until then.
ACCOUNTS_DELETION_COOLING_OFF_DAYS = env.int("ACCOUNTS_DELETION_COOLING_OFF_DAYS", default=15)
SOCIALACCOUNT_PROVIDERS = {}
WEIXIN_APP_ID = env("WEIXIN_APP_ID", default="")
WEIXIN_APP_SECRET = env("WEIXIN_APP_SECRET", default="")
if WEIXIN_APP_ID:
    SOCIALACCOUNT_PROVIDERS["weixin"] = {
        "APPS": [{"client_id": WEIXIN_APP_ID, "secret": WEIXIN_APP_SECRET}],
        "SCOPE": ["snsapi_login"],
    }

# Internationalisation: Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Pages are translatable (wagtail.contrib.simple_translation): the Chinese tree is the source,
# /en/ serves its English translations (the tree under the English home page).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Confidential and per-object uploads: outside MEDIA_ROOT, no URL, read through their views
# (core/files.py). In production the proxy serves them from an internal location.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
PRIVATE_MEDIA_X_ACCEL = env("PRIVATE_MEDIA_X_ACCEL", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "core.files.PrivateStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Email: console unless EMAIL_URL says otherwise (smtp://user:pass@host:587 ...).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="临沂技术成果交易平台 <noreply@localhost>")

# Elasticsearch: every index and alias name starts with the prefix.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="linyi")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=10.0)

# Redis and Channels: in-memory layer unless REDIS_URL is set.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long an anonymous public page may be served from the cache (0: never); any change to what
# it shows makes it stale at once (core/pagecache.py).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# How long the proxy may answer for a cached anonymous page by itself (core/pagecache.py): how late
# a change may show to anonymous visitors. 0: the proxy caches nothing.
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=2)

# Background work: django-tasks with the database backend, drained by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# manage.py backup / restore (core/backup.py).
BACKUP_ROOT = env.path("BACKUP_ROOT", default=str(VAR_DIR / "backups"))

# Periodic jobs (manage.py scheduler): one file, also the README's table.
SCHEDULE_FILE = BASE_DIR / "config" / "schedule.toml"

# Stripe (the payments app uses these).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# Share of a challenge's bounty paid up front as deposit (揭榜保证金), and the platform's
# service-fee rate on a registered contract's amount; both are decimal fractions.
PAYMENTS_CHALLENGE_DEPOSIT_SHARE = env("PAYMENTS_CHALLENGE_DEPOSIT_SHARE", default="0.20")
PAYMENTS_SERVICE_FEE_RATE = env("PAYMENTS_SERVICE_FEE_RATE", default="0.01")

# Wagtail
WAGTAIL_SITE_NAME = "临沂技术成果交易平台"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Page search on the same Elasticsearch; the backend reads ELASTICSEARCH_URL and
# ELASTICSEARCH_INDEX_PREFIX at run time and segments Chinese with jieba (cms/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
# Slugs may be Chinese, but the portal's own pages use English or pinyin (clean shareable URLs).
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# Nothing loads from outside the portal: no Gravatar avatars, no update check against
# releases.wagtail.org, no "what's new" banner linking out (Wagtail 8 sends no other telemetry).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "txt", "zip"]

# Structured logging: one JSON object a line in production, readable lines in development.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_JSON = env.bool("LOG_JSON", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {"request_id": {"()": "core.requestid.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_JSON else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
    },
}

PORTAL_NAME = _("临沂技术成果交易平台")

# /metrics (config/metrics.py): open to these networks when not forwarded by the proxy, and to
# anyone sending "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = env("METRICS_TOKEN", default="")
METRICS_ALLOWED_NETS = env.list(
    "METRICS_ALLOWED_NETS", default=["127.0.0.0/8", "::1/128", "172.16.0.0/12", "10.0.0.0/8"]
)

# Error reports through sentry-sdk (a self-hosted Sentry) when SENTRY_DSN is set.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from config.sentry import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
