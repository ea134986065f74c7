"""Who may do what with listings (django-rules). Membership predicates live here until they are
merged with accounts/rules.py."""

import rules
from allauth.account.models import EmailAddress

from accounts.models import Membership, Organization

ADMIN_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


@rules.predicate
def has_verified_email(user) -> bool:
    return bool(
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


@rules.predicate
def in_verified_org(user) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organization__verification_status=Organization.Verification.VERIFIED
        ).exists()
    )


@rules.predicate
def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


@rules.predicate
def is_listing_org_member(user, listing) -> bool:
    return bool(
        user.is_authenticated
        and listing is not None
        and Membership.objects.filter(user=user, organization_id=listing.organization_id).exists()
    )


@rules.predicate
def is_listing_org_admin(user, listing) -> bool:
    return bool(
        user.is_authenticated
        and listing is not None
        and Membership.objects.filter(
            user=user, organization_id=listing.organization_id, role__in=ADMIN_ROLES
        ).exists()
    )


@rules.predicate
def is_listing_creator(user, listing) -> bool:
    return bool(user.is_authenticated and listing is not None and listing.created_by_id == user.pk)


@rules.predicate
def is_published(user, listing) -> bool:
    return bool(listing is not None and listing.is_published)


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return bool(
        user.is_authenticated
        and organization is not None
        and Membership.objects.filter(
            user=user, organization=organization, role__in=ADMIN_ROLES
        ).exists()
    )


@rules.predicate
def is_org_member(user, organization) -> bool:
    return bool(
        user.is_authenticated
        and organization is not None
        and Membership.objects.filter(user=user, organization=organization).exists()
    )


@rules.predicate
def is_org_verified(user, organization) -> bool:
    return bool(organization is not None and organization.is_verified)


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
