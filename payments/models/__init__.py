"""The payments ledger: what we sold, what was paid, refunded and paid out, and what Stripe said."""

from .catalogue import Price, Product
from .ledger import Channel, Payment, Payout, Purpose, Refund
from .settings import BankTransferSettings
from .stripe import Mismatch, ReconciliationRun, StripeEvent

__all__ = [
    "BankTransferSettings",
    "Channel",
    "Mismatch",
    "Payment",
    "Payout",
    "Price",
    "Product",
    "Purpose",
    "ReconciliationRun",
    "Refund",
    "StripeEvent",
]
