"""Compatibility signals between a need and an achievement, beyond their words."""

from decimal import Decimal

from .. import registry


def _need_and_offer(source_listing, target: dict):
    """Returns (need facts, achievement facts) whichever side the source is on."""
    if registry.of(source_listing).side == registry.OFFER:
        need = {
            "budget_max": target.get("budget_max_cny"),
            "budget_min": target.get("budget_min_cny"),
            "modes": target.get("cooperation_modes") or [],
        }
        offer = {
            "price": _f(source_listing.asking_price_cny),
            "maturity": source_listing.maturity,
            "modes": source_listing.transfer_modes or [],
        }
    else:
        # A challenges-app 榜单 has a bounty, not a purchase budget: no budget or mode facts.
        need = {
            "budget_max": _f(getattr(source_listing, "budget_max_cny", None)),
            "budget_min": _f(getattr(source_listing, "budget_min_cny", None)),
            "modes": getattr(source_listing, "cooperation_modes", None) or [],
        }
        offer = {
            "price": target.get("asking_price_cny"),
            "maturity": target.get("maturity"),
            "modes": target.get("transfer_modes") or [],
        }
    return need, offer


def _f(value):
    return float(value) if isinstance(value, Decimal | int | float) else None


def signals(source_listing, target: dict) -> dict:
    """Facts: budget_covers (True/False/None), maturity (stage), licensable, mode_fit."""
    need, offer = _need_and_offer(source_listing, target)
    budget = need["budget_max"] or need["budget_min"]
    price = offer["price"]
    covers = None if budget is None or price is None else budget >= price
    modes = set(offer["modes"])
    wanted = set(need["modes"])
    return {
        "budget_covers": covers,
        "maturity": offer["maturity"],
        "licensable": "license" in modes,
        "mode_fit": bool(modes & wanted) if wanted else None,
    }
