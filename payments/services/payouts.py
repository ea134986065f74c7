"""Milestone payouts of a bounty (榜金拨付), recorded when staff register the bank transfer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import yuan_to_fen

from .. import selectors
from ..errors import PaymentError
from ..models import Payout
from .refunds import mark_payout_paid, record_payout


@transaction.atomic
def record_milestone_payout(*, milestone, by, bank_reference: str) -> list[Payout]:
    """Ledger rows for an accepted milestone's share of the bounty, already transferred.

    The share comes out of the deposit held for the challenge first; whatever the deposit no
    longer covers was wired by the challenge's organization itself and is recorded as DIRECT.
    Stripe Connect is not available for payouts here, so every row carries the bank reference.
    """
    reference = (bank_reference or "").strip()
    if not reference:
        raise PaymentError(_("请填写银行流水号。"))
    amount_fen = yuan_to_fen(milestone.payout_cny or 0)
    if amount_fen <= 0:
        return []
    application = milestone.application
    payee, payee_name = application.lead_organization, application.team_name
    label = f"{milestone.challenge.title} · {milestone.title}"
    payouts: list[Payout] = []
    remaining = amount_fen
    for deposit in selectors.paid_deposits(milestone.challenge).order_by("pk"):
        share = min(selectors.available_fen(deposit), remaining)
        if share <= 0:
            continue
        payout = record_payout(
            payment=deposit,
            payee=payee,
            payee_name=payee_name,
            milestone=label,
            amount_fen=share,
            by=by,
            related=milestone,
        )
        payouts.append(mark_payout_paid(payout=payout, by=by, bank_reference=reference))
        remaining -= share
    if remaining > 0:
        direct = Payout(
            source=Payout.Source.DIRECT,
            payee=payee,
            payee_name=payee_name[:200],
            milestone=label[:120],
            amount_fen=remaining,
            status=Payout.Status.PAID,
            bank_reference=reference[:64],
            paid_at=timezone.now(),
            created_by=by,
        )
        direct.related = milestone
        direct.save()
        payouts.append(direct)
    return payouts
