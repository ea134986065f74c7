"""Validators for Chinese patent application numbers, IPC symbols and uploaded files."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.validators import check_upload, extension_of

# 12 digits (since 2003: year + type digit + 7 serial) or 8 digits (before 2003), then a check
# character; "CN"/"ZL" prefixes and the dot before the check character are optional.
PATENT_NUMBER_RE = re.compile(r"^(?:CN|ZL)?\s*(\d{12}|\d{8})\.?([0-9X])$")
# Section letter, class (2 digits), subclass letter, main group (1-4 digits) "/" subgroup.
IPC_RE = re.compile(r"^[A-H]\d{2}[A-Z]\s?\d{1,4}/\d{2,6}$")

ATTACHMENT_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def patent_check_character(digits: str) -> str:
    """Check character of a CNIPA application number: weights 2..9 cycling, sum mod 11, 10 = X."""
    weights = [2, 3, 4, 5, 6, 7, 8, 9]
    total = sum(int(d) * weights[i % 8] for i, d in enumerate(digits))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_patent_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate_patent_number(value: str) -> None:
    number = normalize_patent_number(value)
    match = PATENT_NUMBER_RE.match(number)
    if not match:
        raise ValidationError(
            _("专利号格式不正确：应为12位或8位数字加校验位，例如 ZL202310456781.4"),
            code="patent_format",
        )
    digits, check = match.groups()
    if len(digits) == 12 and not (1985 <= int(digits[:4]) <= 2100):
        raise ValidationError(_("专利申请号的年份不正确"), code="patent_year")
    expected = patent_check_character(digits)
    if check != expected:
        raise ValidationError(
            _("专利号校验位不正确：%(number)s 的校验位应为 %(expected)s"),
            code="patent_check",
            params={"number": digits, "expected": expected},
        )


def validate_ipc(value: str) -> None:
    """Accepts one or more IPC symbols separated by ';' or ','."""
    for part in re.split(r"[;,；，]", value or ""):
        part = part.strip()
        if part and not IPC_RE.match(part):
            raise ValidationError(
                _("IPC分类号格式不正确：%(value)s（示例：C09J 189/00）"),
                code="ipc_format",
                params={"value": part},
            )


def validate_attachment(upload) -> str:
    """Checks extension, size and content (check_upload); returns the kind ("pdf" or "image")."""
    check_upload(
        upload,
        allowed=ATTACHMENT_EXTENSIONS,
        max_bytes=MAX_ATTACHMENT_BYTES,
        type_message=gettext("不支持的文件类型：只能上传 PDF、PNG 或 JPG 文件"),
    )
    return "pdf" if extension_of(upload) == ".pdf" else "image"
