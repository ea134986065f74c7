"""The portal's money filters (see core.money); templates add the ¥ sign or the 万元 unit.

{{ listing.asking_price_cny|yuan }}   800,000.00
{{ payment.amount_fen|fen }}           8,000.00
{{ challenge.bounty_cny|wan }}         300
"""

from django import template

from core.money import format_fen, format_wan, format_yuan

register = template.Library()


@register.filter
def yuan(amount, places=2) -> str:
    return format_yuan(amount, places=int(places))


@register.filter
def fen(amount_fen) -> str:
    return format_fen(amount_fen)


@register.filter
def wan(amount) -> str:
    return format_wan(amount)
