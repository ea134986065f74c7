"""Compatibility signals between a need and an achievement, beyond their words."""

from decimal import Decimal

from .. import registry


def against(source_listing):
    """signals(source_listing, target) as a function of the target alone: the source's own facts
    are read once for all the candidates of a match, not once per candidate."""
    if registry.of(source_listing).side == registry.OFFER:
        offer = {
            "price": _f(source_listing.asking_price_cny),
            "maturity": source_listing.maturity,
            "modes": source_listing.transfer_modes or [],
        }
        return lambda target: _signals(_need_facts(target), offer)
    # A challenges-app 榜单 has a bounty, not a purchase budget: no budget or mode facts.
    need = {
        "budget_max": _f(getattr(source_listing, "budget_max_cny", None)),
        "budget_min": _f(getattr(source_listing, "budget_min_cny", None)),
        "modes": getattr(source_listing, "cooperation_modes", None) or [],
    }
    return lambda target: _signals(need, _offer_facts(target))


def _need_facts(target: dict) -> dict:
    return {
        "budget_max": target.get("budget_max_cny"),
        "budget_min": target.get("budget_min_cny"),
        "modes": target.get("cooperation_modes") or [],
    }


def _offer_facts(target: dict) -> dict:
    return {
        "price": target.get("asking_price_cny"),
        "maturity": target.get("maturity"),
        "modes": target.get("transfer_modes") or [],
    }


def _f(value):
    return float(value) if isinstance(value, Decimal | int | float) else None


def signals(source_listing, target: dict) -> dict:
    """Facts: budget_covers (True/False/None), maturity (stage), licensable, mode_fit."""
    return against(source_listing)(target)


def _signals(need: dict, offer: dict) -> dict:
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
