from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views.login import admin_login, django_admin_login, frontend_login
from config.api import api
from config.health import healthz
from payments.webhooks import stripe_webhook

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Wagtail's and Django's password-only login forms send people to allauth's (with TOTP).
    path("admin/login/", admin_login),
    path("django-admin/login/", django_admin_login),
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
    path("_util/login/", frontend_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
