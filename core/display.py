"""How a stored value is written for staff and exports: one place, so the admin never shows
"None", a raw fen amount, True/False or a UTC time next to a Shanghai one.

Times are always in settings.TIME_ZONE (Asia/Shanghai); money goes through core.money, with the
field name saying the unit: `*_fen` is a ledger amount, `*_cny` yuan."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from .money import format_fen, format_yuan

EMPTY = "—"
# Yuan fields whose absence means the owner left the price open (the public site says 面议).
NEGOTIABLE_PRICES = ("asking_price_cny", "budget_min_cny", "budget_max_cny")


def local_minute(moment: datetime | None) -> str:
    """2026-12-06 13:05 in Shanghai time, whatever zone the value came in."""
    if moment is None:
        return EMPTY
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def local_naive(moment: datetime) -> datetime:
    """For spreadsheets, which have no time zones: the wall-clock time in Shanghai."""
    return timezone.make_naive(moment) if timezone.is_aware(moment) else moment


def money_display(value, field_name: str) -> str | None:
    """¥ and thousands separators for a money field (None when the field is not money)."""
    if field_name.endswith("_fen"):
        return EMPTY if value is None else f"¥{format_fen(value)}"
    if field_name.endswith("_cny"):
        if value is None:
            return str(_("面议")) if field_name in NEGOTIABLE_PRICES else EMPTY
        return f"¥{format_yuan(value)}"
    return None


def display_value(value, field_name: str = ""):
    """The value as staff should read it; anything else is returned as it is (models, strings
    and safe HTML render themselves)."""
    name = field_name.rsplit(".", 1)[-1]
    money = money_display(value, name)
    if money is not None and (value is None or isinstance(value, int | Decimal | float)):
        return money
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list | tuple):  # JSON lists (keywords): 预制菜、微波杀菌
        return "、".join(str(display_value(item)) for item in value) or EMPTY
    if isinstance(value, dict):  # JSON details (audit log): one "key: value" per entry
        return "；".join(f"{key}: {display_value(item, key)}" for key, item in value.items())
    if name == "currency" and isinstance(value, str):
        return value.upper()
    if isinstance(value, bool):
        return str(_("是")) if value else str(_("否"))
    if isinstance(value, datetime):
        return local_minute(value)
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return value
