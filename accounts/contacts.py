"""Contact details: how a person is named to others, masking typed contacts, the contact card.

The consent rule (who may see a contact person, phone and e-mail) reads engagements, so it lives
in brokerage; it registers the card under CONTACT_CARD in its ready(). Apps below brokerage
(accounts' and marketplace's API) ask `contact_card`, which is null unless the rule says yes.
"""

import re

from django.utils.translation import gettext as _

from core import hooks

# A hook: (user, obj) -> {"name", "phone", "email"} or None; brokerage registers the rule.
CONTACT_CARD = "accounts.contact_card"

# Until the parties agree, phone numbers and e-mail addresses typed by a party are masked so
# that nobody can take the deal around the broker.
PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_contacts(text: str) -> str:
    return EMAIL.sub("[邮箱已隐藏]", PHONE.sub("[电话已隐藏]", text))


def party_name(user) -> str:
    """The name a party goes by on the other side: the e-mail address is a contact detail."""
    if user is None:
        return ""
    return getattr(user, "name", "") or _("平台用户")


def contact_card(user, obj) -> dict | None:
    """obj's contact for the API when the consent rule lets `user` see it, else None (also
    when no app registered the rule: then nobody sees contacts)."""
    cards = hooks.run(CONTACT_CARD, user=user, obj=obj)
    return cards[0] if cards else None
