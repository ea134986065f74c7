"""Test-only views for the proxy tests (tests/config/test_nginx.py), in front of the real URLs."""

from types import SimpleNamespace

from django.http import JsonResponse
from django.urls import path

from config.urls import *  # noqa: F403 (the handlers too)
from config.urls import urlpatterns as portal_urlpatterns
from core.files import serve_private


def private_download(request, name):
    """Stands in for a real download view that has already checked who may read the file."""
    return serve_private(SimpleNamespace(name=name), filename="合同附件.pdf")


def what_the_app_sees(request):
    return JsonResponse(
        {
            "remote_addr": request.META.get("REMOTE_ADDR"),
            "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR"),
            "forwarded_proto": request.META.get("HTTP_X_FORWARDED_PROTO"),
            "host": request.get_host(),
        }
    )


urlpatterns = [
    path("test-private/<path:name>", private_download),
    path("test-headers", what_the_app_sees),
    *portal_urlpatterns,
]
