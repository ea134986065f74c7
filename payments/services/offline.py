"""对公转账: staff record a bank transfer into the same ledger as Stripe payments."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record_event
from core.validators import IMAGES, PDF, check_upload

from .. import selectors
from ..activity import log_status_change
from ..errors import PaymentError
from ..models import Channel, Payment, Purpose
from .checkout import record_offline_payment

RECEIPT_MAX_BYTES = 10 * 1024 * 1024


def validate_receipt(upload) -> None:
    check_upload(upload, allowed=PDF + IMAGES, max_bytes=RECEIPT_MAX_BYTES)


@transaction.atomic
def record_bank_transfer(
    *,
    by,
    amount_fen: int,
    payer_name: str,
    reference: str,
    paid_on: date,
    receipt=None,
    challenge=None,
    bill: Payment | None = None,
) -> Payment:
    """Record a transfer staff found on the bank statement: a challenge's deposit (揭榜保证金)
    or an open bill (e.g. a contract's 平台服务费). The effects are those of a Stripe payment,
    since every gate reads the ledger."""
    _check_common(by=by, amount_fen=amount_fen, reference=reference, paid_on=paid_on)
    if receipt is not None:
        try:
            validate_receipt(receipt)
        except ValidationError as exc:
            raise PaymentError(exc.messages[0]) from exc
    if (challenge is None) == (bill is None):
        raise PaymentError(_("请选择一个揭榜保证金或一张待付账单。"))
    payment = (
        _deposit_transfer(challenge=challenge, amount_fen=amount_fen, reference=reference)
        if challenge is not None
        else _bill_transfer(bill=bill, amount_fen=amount_fen, reference=reference)
    )
    payment.offline_payer_name = payer_name.strip()[:100]
    payment.offline_paid_on = paid_on
    payment.recorded_by = by
    if receipt is not None:
        payment.offline_receipt_name = receipt.name[:200]
        payment.offline_receipt.save(receipt.name, receipt, save=False)
    payment.save()
    log_status_change(payment, "succeed", before="", by=by, note=reference)
    record_event(
        kind=AuditEvent.Kind.OFFLINE_PAYMENT,
        actor=by,
        organization=payment.payer_organization,
        detail={"payment": payment.number, "amount_fen": amount_fen, "reference": reference},
    )
    return payment


def _check_common(*, by, amount_fen: int, reference: str, paid_on: date) -> None:
    if not (by.is_active and by.is_staff):
        raise PaymentError(_("只有平台工作人员可以登记对公转账。"))
    if amount_fen <= 0:
        raise PaymentError(_("支付金额必须大于零。"))
    if not reference.strip():
        raise PaymentError(_("请填写银行流水号。"))
    if paid_on > timezone.localdate():
        raise PaymentError(_("到账日期不能晚于今天。"))
    if Payment.objects.filter(
        channel=Channel.OFFLINE, offline_reference=reference.strip()
    ).exists():
        raise PaymentError(_("流水号 %(r)s 已经登记过，不能重复入账。") % {"r": reference})


def _deposit_transfer(*, challenge, amount_fen: int, reference: str) -> Payment:
    if getattr(challenge, "refuses_payments", False):
        raise PaymentError(_("该榜单已撤销或流榜，不能再缴纳保证金。"))
    due = selectors.deposit_due_fen(challenge)
    if due <= 0:
        raise PaymentError(_("该榜单的保证金已足额缴纳。"))
    if amount_fen > due:
        raise PaymentError(
            _("登记金额超过应缴保证金（尚需 ¥%(due)s）。") % {"due": f"{due / 100:,.2f}"}
        )
    return record_offline_payment(
        purpose=Purpose.DEPOSIT,
        description=_("揭榜保证金：%(t)s") % {"t": challenge.title},
        amount_fen=amount_fen,
        payer=challenge.created_by,
        organization=challenge.organization,
        reference=reference.strip(),
        related=challenge,
    )


def _bill_transfer(*, bill: Payment, amount_fen: int, reference: str) -> Payment:
    bill = Payment.objects.select_for_update().get(pk=bill.pk)
    if bill.status not in (*Payment.OPEN_STATUSES, Payment.Status.FAILED, Payment.Status.EXPIRED):
        raise PaymentError(_("账单 %(n)s 不是待支付状态。") % {"n": bill.number})
    if amount_fen != bill.amount_fen:
        raise PaymentError(_("登记金额与账单金额不一致。"))
    bill.channel = Channel.OFFLINE
    bill.offline_reference = reference.strip()
    bill.succeed(at=timezone.now())
    return bill
