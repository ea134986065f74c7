"""Shared reads of the payments ledger."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet, Sum

from accounts.models import Membership
from core.money import share_of_fen, yuan_to_fen

from .models import Payment, Payout, Price, Product, Purpose, Refund


def _visible_to(user) -> Q:
    """Receipts a user may see: those they paid and those of organizations they manage."""
    managed = Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).values(
        "organization_id"
    )
    return Q(payer=user) | Q(payer_organization__in=managed)


def payments_for_user(user) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(_visible_to(user))
        .select_related("payer_organization", "price__product")
        .order_by("-created_at", "-id")
    )


def payments_about(target: Model) -> QuerySet[Payment]:
    ct = ContentType.objects.get_for_model(target)
    return Payment.objects.filter(content_type=ct, object_id=target.pk)


def deposit_for(target: Model) -> Payment | None:
    """The paid deposit of a challenge, else the newest open attempt, else None."""
    deposits = payments_about(target).filter(purpose=Purpose.DEPOSIT)
    return (
        deposits.filter(status__in=Payment.PAID_STATUSES).first()
        or deposits.filter(status__in=Payment.OPEN_STATUSES).first()
    )


def paid_deposits(target: Model) -> QuerySet[Payment]:
    return payments_about(target).filter(purpose=Purpose.DEPOSIT, status__in=Payment.PAID_STATUSES)


def deposit_paid_fen(target: Model) -> int:
    """What the challenge's organization has paid in and not had back."""
    totals = paid_deposits(target).aggregate(
        paid=Sum("amount_fen"), refunded=Sum("amount_refunded_fen")
    )
    return (totals["paid"] or 0) - (totals["refunded"] or 0)


def deposit_due_fen(target: Model) -> int:
    """What is still to pay: the whole deposit, or the top-up after the bounty was raised."""
    return max(deposit_amount_fen(target) - deposit_paid_fen(target), 0)


def deposit_is_paid(target: Model) -> bool:
    """The gate the challenge workflow checks before a challenge goes live.

    True only once verified payments (a Stripe event or a confirmed bank transfer) cover the
    deposit for the challenge's current bounty; a redirect back from Checkout never counts.
    """
    required = deposit_amount_fen(target)
    return required > 0 and deposit_paid_fen(target) >= required


def deposit_share() -> Decimal:
    return Decimal(settings.PAYMENTS_CHALLENGE_DEPOSIT_SHARE)


def deposit_amount_fen(target: Model) -> int:
    bounty = getattr(target, "bounty_cny", None) or Decimal("0")
    return share_of_fen(yuan_to_fen(bounty), deposit_share())


def deposit_payable(challenge) -> bool:
    """The owner may pay (or top up) the deposit only before the challenge goes live."""
    return challenge.accepts_deposit and deposit_due_fen(challenge) > 0


def service_fee_fen(amount_fen: int) -> int:
    return share_of_fen(amount_fen, settings.PAYMENTS_SERVICE_FEE_RATE)


def available_fen(payment: Payment) -> int:
    """What is left of a paid amount after refunds and payouts that hold money."""
    refunded = (
        payment.refunds.filter(status__in=Refund.HOLDING_STATUSES).aggregate(s=Sum("amount_fen"))[
            "s"
        ]
        or 0
    )
    paid_out = (
        payment.payouts.filter(status__in=Payout.HOLDING_STATUSES).aggregate(s=Sum("amount_fen"))[
            "s"
        ]
        or 0
    )
    return max(payment.amount_fen - max(refunded, payment.amount_refunded_fen) - paid_out, 0)


def products_on_sale() -> QuerySet[Product]:
    return Product.objects.filter(active=True).prefetch_related("prices")


def price_on_sale(*, product_slug: str, price_id: int) -> Price | None:
    return (
        Price.objects.select_related("product")
        .filter(pk=price_id, active=True, product__slug=product_slug, product__active=True)
        .first()
    )


def is_member_of(user, organization) -> bool:
    return Membership.objects.filter(user=user, organization=organization).exists()


def transfer_reference(target: Model) -> str:
    """The code a payer writes in the transfer's memo (转账附言) so finance can match it: a bill's
    own number, or a challenge's deposit code."""
    if isinstance(target, Payment):
        return target.number
    return f"BZJ{target.pk:06d}"


# --- Work queue (core.work) ---------------------------------------------------------------------


def work_for(user) -> list:
    """Bills the user (or an organization they manage) has still to pay; for staff, Stripe
    mismatches to resolve and payouts to make."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accounts.selectors import work_roles
    from core.work import counted, tally

    from .models import Mismatch

    staff = work_roles(user).staff
    queries = {"due": payments_for_user(user).filter(status__in=Payment.OPEN_STATUSES)}
    if staff:
        queries["unresolved"] = Mismatch.objects.filter(resolved_at__isnull=True)
        queries["payouts"] = Payout.objects.filter(status=Payout.Status.PENDING)
    n = tally(**queries)
    items = counted(_("待支付的账单"), reverse("payments:receipts"), n["due"], urgent=True)
    if staff:
        url = reverse("payments_mismatch:index")
        items += counted(_("待处理的对账差异"), url, n["unresolved"])
        items += counted(_("待登记的拨付"), reverse("payments_payout:index"), n["payouts"])
    return items
