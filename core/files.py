"""One rule for uploaded files.

Public images (organization logos, CMS images) and published CMS documents live under MEDIA_ROOT
and are served at MEDIA_URL. Everything else — annexes, proposals, confidential attachments,
room files, engagement documents, verification documents — lives in `private_storage`: its own
root (PRIVATE_MEDIA_ROOT) outside MEDIA_ROOT, random unguessable names, no URL. Such a file is
read only through a view that checks who may read it and then calls `serve_private`.

In production `PRIVATE_MEDIA_X_ACCEL` names the proxy's internal location (e.g. `/_private/`): the
view answers with an X-Accel-Redirect header and nginx streams the file, so Python never does.
"""

import mimetypes
import os
import secrets
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible


class PrivateStorage(FileSystemStorage):
    """Files with no public URL, rooted at PRIVATE_MEDIA_ROOT (STORAGES["private"])."""

    def __init__(self, **kwargs):
        kwargs.setdefault("location", settings.PRIVATE_MEDIA_ROOT)
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    def url(self, name):
        raise ValueError("private files have no URL; serve them through their download view")


def private_storage():
    """Callable storage for FileField(storage=...): resolved at use, so it stays out of
    migrations and tests can swap it through STORAGES."""
    return storages["private"]


@deconstructible
class RandomName:
    """upload_to for private files: `<folder>/<yyyy>/<32 hex chars><.ext>`; the original name is
    kept by the model as a display name only."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        from django.utils import timezone

        ext = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_hex(16)}{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def display_name(field_file, stored_name: str = "") -> str:
    """What the user called the file: the stored display name, else the file's base name."""
    return stored_name or os.path.basename(field_file.name or "")


def serve_private(field_file, *, filename: str, as_attachment: bool = True) -> HttpResponse:
    """The response that hands a private file to the client (the caller has authorised)."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    internal = getattr(settings, "PRIVATE_MEDIA_X_ACCEL", "")
    if internal:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = internal.rstrip("/") + "/" + quote(field_file.name)
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    else:
        try:
            field_file.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(
            field_file, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def fresh_upload_name(field_file) -> str:
    """The client's name of a file just assigned to `field_file` and not yet stored, else "".

    Models call this in save() to keep the original name before RandomName replaces it."""
    if not field_file or getattr(field_file, "_committed", True):
        return ""
    return os.path.basename(field_file.name or "")[:200]


def keep_upload_name(instance, file_field: str, name_field: str, save_kwargs: dict) -> None:
    """Called from a model's save(): copy a fresh upload's client name into `name_field`
    (the stored name will be random), adding it to update_fields when those are given."""
    name = fresh_upload_name(getattr(instance, file_field))
    if not name:
        return
    setattr(instance, name_field, name)
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], name_field}


def demo_pdf(title: str, *lines: str) -> bytes:
    """A small valid one-page PDF (demo data shows the file rules with real documents)."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setTitle(title)
    page.setFont("STSong-Light", 16)
    page.drawString(72, 770, title)
    page.setFont("STSong-Light", 11)
    for number, line in enumerate(lines):
        page.drawString(72, 740 - 18 * number, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def move_to_private(model, field: str, *, folder: str, name_field: str = "") -> int:
    """Data-migration step: move every file of `model.field` that still lives in the public
    storage (MEDIA_ROOT) to the private storage under a random name, keeping the original name
    in `name_field`. Files already private are left alone. Returns how many moved."""
    public, private = storages["default"], storages["private"]
    random_name = RandomName(folder)
    moved = 0
    for obj in model.objects.exclude(**{field: ""}).iterator():
        old = getattr(obj, field).name
        updates = {}
        if name_field and not getattr(obj, name_field):
            updates[name_field] = os.path.basename(old)[:200]
        if public.exists(old) and not private.exists(old):
            with public.open(old, "rb") as handle:
                updates[field] = private.save(random_name(obj, old), handle)
            public.delete(old)
            moved += 1
        if updates:
            model.objects.filter(pk=obj.pk).update(**updates)
    return moved
