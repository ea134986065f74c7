from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """345678.00 -> "345,678" (zh-hans number formatting does not group digits)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.0f}"
