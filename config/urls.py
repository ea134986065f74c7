from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from config.health import healthz
from config.views import favicon
from payments.webhooks import stripe_webhook

# Error pages in the portal's layout (templates/400.html … 500.html); 403 says why when it can.
handler403 = "config.views.permission_denied"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
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
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
