import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views.login import admin_login, django_admin_login, frontend_login
from config.api import api
from config.health import healthz
from config.metrics import metrics
from config.views import favicon
from payments.webhooks import stripe_webhook

PUBLIC_MEDIA = "(?:org-logos|original_images|images|documents)"

# Error pages in the portal's layout (templates/400.html … 500.html); 403 says why when it can.
handler403 = "config.views.permission_denied"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("favicon.ico", favicon, name="favicon"),
    # Wagtail's and Django's password-only login forms send people to allauth's (with TOTP).
    path("admin/login/", admin_login, name="admin_login"),
    path("django-admin/login/", django_admin_login, name="django_admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    # Feeds, sitemap.xml and robots.txt: one language-neutral address each.
    path("", include("cms.urls")),
    # Stripe posts signed events here; no language prefix, no CSRF (the signature is the check).
    path("payments/stripe/webhook", stripe_webhook, name="stripe_webhook"),
]

# Unprefixed URLs are Chinese (the default); English lives under /en/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("marketplace.urls")),
    path("", include("notifications.urls")),
    path("", include("brokerage.urls")),
    path("", include("search.urls")),
    path("", include("challenges.urls")),
    path("", include("payments.urls")),
    path("", include("evaluation.urls")),
    path("", include("reports.urls")),
    path("_util/login/", frontend_login, name="wagtail_frontend_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Only the public uploads (logos, CMS images and documents) are served under MEDIA_URL;
    # everything else is private (core/files.py) and read through its view.
    urlpatterns = [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>{PUBLIC_MEDIA}/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
