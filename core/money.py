"""Money, one way: yuan as Decimal (listing prices, budgets, bounties), fen as int (the payment
ledger), and how both are written for people: thousands separators whatever the locale (zh-hans
does not group digits), always with cents, 万元 where the domain counts in them."""

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10_000)


def yuan_to_fen(yuan: Decimal | int | str) -> int:
    return int((Decimal(yuan) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def share_of_fen(amount_fen: int, share: Decimal | str) -> int:
    return int(
        (Decimal(amount_fen) * Decimal(share)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    )


def format_yuan(amount, *, places: int = 2) -> str:
    """800000 -> "800,000.00" (places=0: "800,000"). Blank for nothing (a missing template
    variable)."""
    if amount is None or amount == "":
        return ""
    return f"{Decimal(str(amount)):,.{places}f}"


def format_fen(amount_fen: int | str | None) -> str:
    """12345678 -> "123,456.78": ledger amounts always show their cents."""
    if amount_fen is None or amount_fen == "":
        return ""
    return format_yuan(Decimal(amount_fen) / 100, places=2)


def format_wan(amount) -> str:
    """Yuan in 万 (ten thousands), the unit Chinese readers expect: 3000000 -> "300"."""
    if amount is None or amount == "":
        return ""
    return f"{Decimal(str(amount)) / WAN:,.2f}".rstrip("0").rstrip(".")
