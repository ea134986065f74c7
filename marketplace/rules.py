"""Who may do what with listings (django-rules). Membership, e-mail and staff predicates are
accounts' (accounts/rules.py); a listing stands for its organization there."""

import rules

from accounts.rules import (
    has_verified_email,
    in_verified_org,
    is_org_admin,
    is_org_member,
    is_staff,
)
from accounts.rules import is_verified_org as is_org_verified

# A listing is its organization's: accounts' predicates take it as they take the organization.
is_listing_org_member = is_org_member
is_listing_org_admin = is_org_admin


@rules.predicate
def is_listing_creator(user, listing) -> bool:
    return bool(user.is_authenticated and listing is not None and listing.created_by_id == user.pk)


@rules.predicate
def is_published(user, listing) -> bool:
    return bool(listing is not None and listing.is_published)


can_post = has_verified_email & in_verified_org
can_edit = is_listing_org_admin | (is_listing_creator & is_listing_org_member)

rules.add_perm("marketplace.post_listing", can_post)
rules.add_perm("marketplace.view_listing", is_published | is_listing_org_member | is_staff)
rules.add_perm("marketplace.change_listing", can_edit | is_staff)
rules.add_perm("marketplace.submit_listing", can_edit & can_post)
rules.add_perm("marketplace.withdraw_listing", can_edit)
rules.add_perm("marketplace.view_reserve_price", is_listing_org_member | is_staff)
rules.add_perm("marketplace.view_listing_private", is_listing_org_member | is_staff)
rules.add_perm("marketplace.moderate_listing", is_staff)
rules.add_perm("marketplace.request_annex", has_verified_email & in_verified_org)
rules.add_perm("marketplace.manage_annex", can_edit)
rules.add_perm("marketplace.express_interest", has_verified_email & ~is_listing_org_member)
rules.add_perm("marketplace.import_for_org", has_verified_email & is_org_admin & is_org_verified)
rules.add_perm("marketplace.post_for_org", has_verified_email & is_org_member & is_org_verified)


# --- Inquiry conversations: the inquirer, the listing's managers, and the brokers of an
# engagement opened from it; nobody else (staff included: it is the parties' correspondence).


@rules.predicate
def is_inquirer(user, inquiry) -> bool:
    return bool(user.is_authenticated and inquiry is not None and inquiry.user_id == user.pk)


@rules.predicate
def manages_inquired_listing(user, inquiry) -> bool:
    return bool(inquiry is not None and can_edit(user, inquiry.listing))


@rules.predicate
def brokers_the_inquiry(user, inquiry) -> bool:
    if not user.is_authenticated or inquiry is None:
        return False
    from django.db.models import Q

    return inquiry.engagements.filter(Q(lead_broker=user) | Q(assistants=user)).exists()


can_view_inquiry = is_inquirer | manages_inquired_listing | brokers_the_inquiry
can_reply_inquiry = is_inquirer | manages_inquired_listing
# Called as predicates, not through user.has_perm: superusers pass every has_perm, and this
# correspondence is the parties' own.
rules.add_perm("marketplace.view_inquiry", can_view_inquiry)
rules.add_perm("marketplace.reply_inquiry", can_reply_inquiry)
