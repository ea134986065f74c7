"""File checks for uploads: type by extension and by content (core.validators.check_upload),
and size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validators import PDF, check_upload

PDF_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip")


def _already_stored(upload) -> bool:
    # Model validation sees the stored file again on every later save; it was checked on upload.
    return getattr(upload, "_committed", False) is True and hasattr(upload, "instance")


def validate_pdf(upload) -> None:
    if _already_stored(upload):
        return
    try:
        check_upload(
            upload,
            allowed=PDF,
            max_bytes=PDF_MAX_BYTES,
            type_message=_("技术方案须为 PDF 文件"),
        )
    except ValidationError as error:
        if error.code == "malformed":
            raise ValidationError(_("文件内容不是有效的 PDF"), code="malformed") from error
        raise


def validate_attachment(upload) -> None:
    if _already_stored(upload):
        return
    check_upload(
        upload,
        allowed=ATTACHMENT_EXTENSIONS,
        max_bytes=PDF_MAX_BYTES,
        type_message=_("附件仅支持 PDF、Word、Excel 或 ZIP 文件"),
    )
