"""Who may see and pay what (django-rules).

A receipt is its payer's and, for a payment made for an organization, its owners' and admins'
(selectors.payments_for_user lists the same). A deposit is paid by a member of the organization
that owes it. Views call `can_view_payment` itself: superusers pass every has_perm, and a
receipt is nobody else's business (staff see payments in the admin).
"""

import rules

from accounts.rules import is_org_admin, is_org_member


@rules.predicate
def is_payer(user, payment) -> bool:
    return bool(user.is_authenticated and payment is not None and payment.payer_id == user.pk)


@rules.predicate
def manages_paying_organization(user, payment) -> bool:
    if payment is None or payment.payer_organization_id is None:
        return False
    return is_org_admin(user, payment.payer_organization)


can_view_payment = is_payer | manages_paying_organization

rules.add_perm("payments.view_payment", can_view_payment)
# obj: what the deposit is for (a challenge), through its `organization`. Views call the
# predicate itself: a superuser outside the organization owes no deposit.
pays_deposit = is_org_member
rules.add_perm("payments.pay_deposit", pays_deposit)
