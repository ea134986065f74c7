"""Test-only views for the proxy tests (tests/config/test_nginx.py), in front of the real URLs."""

from itertools import count
from types import SimpleNamespace

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

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


_renders = count(1)


@csrf_exempt
def edge_page(request, variant):
    """A page the app lets the proxy keep (X-Accel-Expires), numbered by how often it was made."""
    response = JsonResponse({"render": next(_renders)})
    if variant != "private":
        response["X-Accel-Expires"] = "2"
    if variant == "cookie":
        response.set_cookie("csrftoken", "visitor-own")
    return response


urlpatterns = [
    path("test-edge/<slug:variant>", edge_page),
    path("test-private/<path:name>", private_download),
    path("test-headers", what_the_app_sees),
    *portal_urlpatterns,
]
