from django import template

from ..money import format_fen

register = template.Library()


@register.filter
def yuan(amount_fen):
    """Fen as a yuan amount with thousands separators: 12345678 -> 123,456.78."""
    return format_fen(amount_fen)
