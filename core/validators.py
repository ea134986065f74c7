"""Upload checks by content: the extension is a claim, the first bytes are the truth."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"
# Extension -> the bytes every genuine file of that kind starts with.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".pptx": (ZIP,),
    ".zip": (ZIP, b"PK\x05\x06"),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
PDF = (".pdf",)
DOCUMENTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx")
IMAGES = (".png", ".jpg", ".jpeg")


def extension_of(upload) -> str:
    name = (getattr(upload, "name", "") or "").lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def check_upload(upload, *, allowed: tuple[str, ...], max_bytes: int, type_message=None) -> None:
    """Refuse an upload whose extension is not allowed, whose size is 0 or too large, or whose
    first bytes do not match its extension."""
    ext = extension_of(upload)
    if ext not in allowed:
        raise ValidationError(
            type_message
            or _("不支持的文件类型：只能上传 %(types)s 文件")
            % {"types": "/".join(e.lstrip(".").upper() for e in allowed)},
            code="type",
        )
    if upload.size == 0:
        raise ValidationError(_("文件为空"), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("文件过大：不能超过 %(mb)s MB") % {"mb": max_bytes // (1024 * 1024)}, code="size"
        )
    signatures = SIGNATURES[ext]
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(max(len(s) for s in signatures))
    upload.seek(position)
    if not any(head.startswith(s) for s in signatures):
        raise ValidationError(_("文件内容与扩展名不符或文件已损坏"), code="malformed")


# Links editors and users type: web pages, mail, phone, and paths on this site. Never
# javascript:, data: or vbscript:, which run in the reader's browser.
LINK_SCHEMES = ("http", "https", "mailto", "tel")


def is_safe_link(value: str) -> bool:
    """True for http(s), mailto and tel URLs and for relative ones (no scheme).

    Browsers ignore control characters and whitespace inside a scheme ("java\\tscript:"), so
    they are dropped before the scheme is read."""
    import re
    from urllib.parse import urlsplit

    compact = re.sub(r"[\x00-\x20\x7f]", "", value or "")
    if not compact:
        return True
    try:
        scheme = urlsplit(compact).scheme.lower()
    except ValueError:
        return False
    return scheme in ("", *LINK_SCHEMES)


def validate_link(value: str) -> None:
    if not is_safe_link(value):
        raise ValidationError(
            _("只能填写 http(s)、mailto、tel 链接或站内相对地址"), code="link_scheme"
        )
