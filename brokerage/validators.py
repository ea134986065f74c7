"""Upload checks for engagement documents and room files: extension, size, first bytes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
# Extension -> the bytes every genuine file of that kind starts with.
DOCUMENT_TYPES = {
    ".pdf": b"%PDF-",
    ".docx": ZIP,
    ".xlsx": ZIP,
    ".doc": b"\xd0\xcf\x11\xe0",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}


def validate_document(upload) -> None:
    name = (getattr(upload, "name", "") or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise ValidationError(
            _("不支持的文件类型：只能上传 PDF、Word、Excel、PNG 或 JPG 文件"), code="type"
        )
    if upload.size == 0:
        raise ValidationError(_("文件为空"), code="empty")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("文件过大：不能超过 %(mb)s MB") % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="size",
        )
    magic = DOCUMENT_TYPES[ext]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(_("文件内容与扩展名不符或文件已损坏"), code="malformed")
