"""The consent rule in templates: `{% load contact_tags %}`.

{% contact_card listing inquire_url=... %}   the contact, or 通过平台联系 and the button
{% masked inquiry.message about=inquiry %}    free text with phones/e-mails masked
{{ inquiry.user|party_name }}                 a person's name, never their e-mail
"""

from django import template

from accounts.contacts import mask_contacts

from .. import selectors
from ..rules import can_see_contacts
from ..selectors import visible_contacts

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.inclusion_tag("brokerage/includes/contact_card.html", takes_context=True)
def contact_card(context, obj, inquire_url="", hidden_text=""):
    user = _user(context)
    contact = visible_contacts(user, obj)
    return {
        "visible": contact is not None,
        "contact": contact,
        "inquire_url": inquire_url,
        "hidden_text": hidden_text,
    }


@register.simple_tag(takes_context=True)
def masked(context, text, about):
    """Text written by `about`'s party (an inquiry's message) as the reader may see it."""
    if can_see_contacts(_user(context), about):
        return text
    return mask_contacts(text or "")


@register.filter
def party_name(user) -> str:
    return selectors.party_name(user)
