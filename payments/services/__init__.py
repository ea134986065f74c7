"""Every write to the payments ledger goes through these functions."""

from .checkout import (
    open_payment,
    record_offline_payment,
    start_checkout,
    start_deposit_checkout,
    start_payment_checkout,
    start_product_checkout,
    start_service_fee_checkout,
)
from .events import process_event
from .offline import record_bank_transfer
from .payouts import record_milestone_payout
from .reconcile import reconcile_payments, resolve_mismatch
from .refunds import (
    cancel_payout,
    mark_payout_paid,
    mark_refund_succeeded,
    record_payout,
    refund_deposit,
    refund_held_payments,
    request_refund,
    send_refund,
    send_unsent_refunds,
)

__all__ = [
    "cancel_payout",
    "mark_payout_paid",
    "mark_refund_succeeded",
    "open_payment",
    "process_event",
    "reconcile_payments",
    "resolve_mismatch",
    "record_bank_transfer",
    "record_offline_payment",
    "record_milestone_payout",
    "record_payout",
    "refund_held_payments",
    "refund_deposit",
    "request_refund",
    "send_refund",
    "send_unsent_refunds",
    "start_checkout",
    "start_deposit_checkout",
    "start_payment_checkout",
    "start_product_checkout",
    "start_service_fee_checkout",
]
