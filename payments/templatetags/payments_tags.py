from django import template

register = template.Library()


@register.inclusion_tag("payments/_deposit_cta.html", takes_context=True)
def deposit_call_to_action(context, challenge):
    """The owner's "支付保证金" box on a challenge's own page while its deposit is unpaid."""
    from .. import selectors

    request = context.get("request")
    user = getattr(request, "user", None)
    member = user is not None and selectors.is_member_of(user, challenge.organization)
    required = selectors.deposit_amount_fen(challenge)
    return {
        "challenge": challenge,
        "show": bool(member and required),
        "paid": selectors.deposit_is_paid(challenge),
        "payable": selectors.deposit_payable(challenge),
        "due_fen": selectors.deposit_due_fen(challenge),
        "deposit": selectors.deposit_for(challenge),
    }
