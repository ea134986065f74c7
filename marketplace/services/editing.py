"""Creating and editing listings and their attachments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import quality
from ..models import Achievement, Attachment, Status
from ..validators import validate_attachment
from .common import log_event, record_change


@transaction.atomic
def save_listing(*, listing, by, files=(), note: str = ""):
    """Saves a new draft or an edit. A published listing stays published; the edit is logged.

    Attachments are validated before anything is written, so a bad file leaves nothing saved.
    """
    is_new = listing.pk is None
    if is_new and not by.has_perm("marketplace.post_for_org", listing.organization):
        raise PermissionDenied(_("只有已认证机构的成员（且邮箱已验证）才能发布"))
    if not is_new and not by.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied(_("无权修改该发布"))
    kinds = [validate_attachment(f) for f in files]
    if is_new:
        listing.created_by = by
        listing.status = Status.DRAFT
    listing.full_clean()
    quality.apply(listing)
    listing.save()
    _store_files(listing, by=by, files=files, kinds=kinds)
    action = "created" if is_new else "edited"
    log_event(listing, action=action, by=by, from_status=listing.status, note=note)
    record_change(listing)
    return listing


def _store_files(listing, *, by, files, kinds) -> list[Attachment]:
    link = {"achievement": listing} if isinstance(listing, Achievement) else {"need": listing}
    return [
        Attachment.objects.create(
            file=f, kind=kind, original_name=f.name[:200], size=f.size, uploaded_by=by, **link
        )
        for f, kind in zip(files, kinds, strict=True)
    ]


@transaction.atomic
def attach_files(*, listing, by, files) -> list[Attachment]:
    if not by.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied(_("无权修改该发布"))
    try:
        kinds = [validate_attachment(f) for f in files]
    except ValidationError:
        raise
    created = _store_files(listing, by=by, files=files, kinds=kinds)
    log_event(
        listing,
        action="attached",
        by=by,
        from_status=listing.status,
        note=", ".join(a.original_name for a in created),
    )
    record_change(listing)
    return created


@transaction.atomic
def delete_attachment(*, attachment, by) -> None:
    listing = attachment.listing
    if not by.has_perm("marketplace.change_listing", listing):
        raise PermissionDenied(_("无权修改该发布"))
    name = attachment.original_name
    attachment.file.delete(save=False)
    attachment.delete()
    log_event(listing, action="detached", by=by, from_status=listing.status, note=name)
    record_change(listing)
