"""The site's URLs plus MEDIA_URL served straight from the public storage, as `make run`
(static() under DEBUG) and the production proxy serve MEDIA_ROOT: whatever sits in the public
storage is reachable by anyone who knows its name. Tests use it to ask for the old addresses."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from config.urls import urlpatterns as site


def serve_public(request, name):
    if not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name))


urlpatterns = [path(settings.MEDIA_URL.lstrip("/") + "<path:name>", serve_public), *site]
