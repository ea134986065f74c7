"""The consent rule for contact details (django-rules).

A listing's, an organization's or an inquirer's contact person, phone and e-mail are shown only
to platform staff, the organization's own members (the inquirer, for an inquiry), the brokers of
an engagement about it, and its parties once both sides consented to disclosure. Everybody else
is sent through the platform (通过平台联系), so no deal goes around the broker.
"""

import rules

from accounts.models import Membership
from accounts.rules import is_broker, is_staff

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


# --- Engagements: who may open one, and who runs it (stage changes, notes, tasks, documents).


@rules.predicate
def can_view_engagement(user, engagement) -> bool:
    return engagement is not None and selectors.can_view(user, engagement)


@rules.predicate
def can_manage_engagement(user, engagement) -> bool:
    return engagement is not None and selectors.can_manage(user, engagement)


rules.add_perm("brokerage.view_engagement", can_view_engagement)
rules.add_perm("brokerage.manage_engagement", can_manage_engagement)


@rules.predicate
def is_room_member(user, engagement) -> bool:
    """The brokers and both parties; staff oversee the engagement page, not the room. Views
    call this predicate itself: superusers pass every has_perm."""
    return engagement is not None and selectors.is_member(user, engagement)


@rules.predicate
def is_broker_or_leads_engagements(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_broker(user) or user.led_engagements.exists()


@rules.predicate
def is_certified_broker(user) -> bool:
    return selectors.certified_broker(user) is not None


rules.add_perm("brokerage.enter_room", is_room_member)
rules.add_perm("brokerage.view_broker_dashboard", is_broker_or_leads_engagements)
rules.add_perm("brokerage.view_inquiry_pool", is_staff | is_certified_broker)
rules.add_perm("brokerage.register_contract", is_staff)
# Staff work: the inquiries nobody took, handed to a broker; the admin's figures and training.
rules.add_perm("brokerage.assign_inquiry", is_staff)
rules.add_perm("brokerage.view_statistics", is_staff)
rules.add_perm("brokerage.record_training", is_staff)
