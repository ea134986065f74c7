"""File checks for uploads: type by extension and by content, and size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "zip")


def validate_pdf(upload) -> None:
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".pdf"):
        raise ValidationError(_("技术方案须为 PDF 文件"))
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError(_("PDF 文件不能超过 20 MB"))
    # The extension is the applicant's claim; the first bytes are what the file really is.
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("文件内容不是有效的 PDF"))


def validate_attachment(upload) -> None:
    name = (getattr(upload, "name", "") or "").lower()
    if name.rsplit(".", 1)[-1] not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(_("附件仅支持 PDF、Word、Excel 或 ZIP 文件"))
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError(_("附件不能超过 20 MB"))
