"""Pure functions for weighted-rubric scoring, aggregation across experts and ranking.

Nothing here touches the database, so any panel review (challenges today, achievement
evaluation later) can reuse it: score each entry per criterion, weight, aggregate, rank.
"""

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

TRIM_FROM = 5  # with this many experts or more, drop the single highest and lowest total
SCORE_MIN = Decimal("0")
SCORE_MAX = Decimal("100")
CENT = Decimal("0.01")


class ScoringError(ValueError):
    pass


def weighted_total(scores: Mapping[str, Decimal | int], weights: Mapping[str, int]) -> Decimal:
    """Σ score × weight / Σ weight, each score on 0..100; every criterion must be scored."""
    if not weights:
        raise ScoringError("rubric has no criteria")
    missing = set(weights) - set(scores)
    extra = set(scores) - set(weights)
    if missing or extra:
        raise ScoringError(f"scores do not match the rubric: missing {missing}, extra {extra}")
    total_weight = sum(weights.values())
    if total_weight <= 0:
        raise ScoringError("weights must add up to more than zero")
    acc = Decimal("0")
    for code, weight in weights.items():
        value = Decimal(scores[code])
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise ScoringError(f"score for {code} must be between 0 and 100")
        acc += value * weight
    return (acc / total_weight).quantize(CENT, rounding=ROUND_HALF_UP)


def aggregate(totals: Sequence[Decimal]) -> Decimal | None:
    """Mean of the experts' totals; trimmed mean (without one highest, one lowest) from 5 on."""
    if not totals:
        return None
    values = sorted(Decimal(t) for t in totals)
    if len(values) >= TRIM_FROM:
        values = values[1:-1]
    return (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def rank(results: Mapping[int, Decimal | None]) -> list[tuple[int, Decimal, int]]:
    """[(key, score, rank)] best first; equal scores share a rank (1, 2, 2, 4); unscored omitted.

    Ties are listed by key so the order is stable from one run to the next.
    """
    scored = [(key, score) for key, score in results.items() if score is not None]
    scored.sort(key=lambda item: (-item[1], item[0]))
    ranked = []
    previous = None
    current_rank = 0
    for position, (key, score) in enumerate(scored, start=1):
        if score != previous:
            current_rank = position
            previous = score
        ranked.append((key, score, current_rank))
    return ranked
