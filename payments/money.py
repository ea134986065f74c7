"""Conversions between yuan (Decimal, as listings store prices) and fen (int, the ledger)."""

from decimal import ROUND_HALF_UP, Decimal


def yuan_to_fen(yuan: Decimal | int | str) -> int:
    return int((Decimal(yuan) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def share_of_fen(amount_fen: int, share: Decimal | str) -> int:
    return int(
        (Decimal(amount_fen) * Decimal(share)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    )


def format_fen(amount_fen: int | str | None) -> str:
    """12345678 -> "123,456.78" (the template adds the ¥ sign)."""
    if amount_fen is None or amount_fen == "":  # a missing template variable renders blank
        return ""
    return f"{Decimal(amount_fen) / 100:,.2f}"
