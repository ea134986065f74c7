"""Test-only views that fail in each way the error pages cover (test_error_pages.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path
from django.utils.translation import gettext as _

from config.urls import *  # noqa: F403 (the handlers too)
from config.urls import urlpatterns as portal_urlpatterns


def refused_for_people(request):
    raise PermissionDenied(_("无权修改该发布"))


def refused_for_developers(request):
    raise PermissionDenied("staff only")


def malformed(request):
    raise SuspiciousOperation("a tampered request")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = i18n_patterns(
    path("test-errors/refused/", refused_for_people),
    path("test-errors/refused-quietly/", refused_for_developers),
    path("test-errors/bad/", malformed),
    path("test-errors/broken/", broken),
    prefix_default_language=False,
) + list(portal_urlpatterns)
