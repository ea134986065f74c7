"""The consent rule for contact details (django-rules).

A listing's, an organization's or an inquirer's contact person, phone and e-mail are shown only
to platform staff, the organization's own members (the inquirer, for an inquiry), the brokers of
an engagement about it, and its parties once both sides consented to disclosure. Everybody else
is sent through the platform (通过平台联系), so no deal goes around the broker.
"""

import rules

from accounts.models import Membership
from accounts.rules import is_staff

from . import selectors
from .models import Engagement


def _is_own(user, obj) -> bool:
    organization, person = selectors.contact_owner(obj)
    if person is not None and person.pk == user.pk:
        return True
    return bool(
        organization is not None
        and Membership.objects.filter(user=user, organization=organization).exists()
    )


def _through_engagement(user, engagement: Engagement) -> bool:
    if selectors.is_broker_on(user, engagement):
        return True
    return engagement.contacts_disclosed and selectors.side_of(user, engagement) is not None


@rules.predicate
def can_see_contacts(user, obj) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_staff(user):
        return True
    if isinstance(obj, Engagement):
        return _through_engagement(user, obj)
    if _is_own(user, obj):
        return True
    return any(_through_engagement(user, e) for e in selectors.engagements_about(obj))


rules.add_perm("brokerage.view_contacts", can_see_contacts)
