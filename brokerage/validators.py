"""Upload checks for engagement documents and room files: extension, size and content
(core.validators.check_upload reads the first bytes)."""

from django.utils.translation import gettext as _

from core.validators import check_upload

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xlsx", ".png", ".jpg", ".jpeg")


def validate_document(upload) -> None:
    check_upload(
        upload,
        allowed=DOCUMENT_EXTENSIONS,
        max_bytes=MAX_DOCUMENT_BYTES,
        type_message=_("不支持的文件类型：只能上传 PDF、Word、Excel、PNG 或 JPG 文件"),
    )
