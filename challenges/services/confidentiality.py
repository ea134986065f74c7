"""Confidential attachments: the pledge an applicant accepts, and the download log."""

from django.db import transaction
from django.utils.translation import gettext as _

from .. import selectors
from ..errors import ChallengeError
from ..models import AttachmentDownload, Challenge, Confidentiality, ConfidentialityPledge


def pledge_text(challenge: Challenge) -> str:
    """The words accepted; stored with each pledge so later edits never change what was signed."""
    return _(
        "本人承诺：对「%(t)s」榜单附件及其中的技术资料、数据和商业信息严格保密，"
        "仅用于本次揭榜申报和攻关，不向任何第三方披露、复制或转让；"
        "违反承诺的，自愿承担相应法律责任。"
    ) % {"t": challenge.title}


@transaction.atomic
def accept_confidentiality_pledge(
    *, challenge: Challenge, by, ip_address: str | None = None
) -> ConfidentialityPledge:
    """保密承诺: only applicants who have submitted sign it, once."""
    if challenge.confidentiality != Confidentiality.CONFIDENTIAL:
        raise ChallengeError(_("该榜单附件无需签署保密承诺。"))
    if not selectors.submitted_applications_of(by, challenge).exists():
        raise ChallengeError(_("提交申报后方可签署保密承诺并获取涉密附件。"))
    pledge, _created = ConfidentialityPledge.objects.get_or_create(
        challenge=challenge,
        user=by,
        defaults={"statement": pledge_text(challenge), "ip_address": ip_address or None},
    )
    return pledge


def record_attachment_download(
    *, challenge: Challenge, by, ip_address: str | None = None
) -> AttachmentDownload:
    """The caller has checked `challenges.read_attachment`; this only writes the log."""
    return AttachmentDownload.objects.create(
        challenge=challenge,
        user=by if getattr(by, "is_authenticated", False) else None,
        ip_address=ip_address or None,
    )
