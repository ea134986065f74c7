"""Pure 五元 aggregation on top of challenges.scoring (weighted rubric, trimmed mean).

An expert's indicator scores make a score per dimension (indicator weights); the experts' dimension
scores are aggregated (mean, trimmed from five experts on); the dimensions make the overall score
with the category's weights. The spread (highest minus lowest expert) per dimension decides whether
the panel disagrees.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from challenges.scoring import CENT, ScoringError, aggregate, weighted_total

__all__ = [
    "IndicatorSpec",
    "Result",
    "ScoringError",
    "dimension_scores",
    "disagreements",
    "evaluate",
    "overall",
]


@dataclass(frozen=True)
class IndicatorSpec:
    id: int
    dimension: str
    weight: int


@dataclass(frozen=True)
class Result:
    dimensions: dict[str, Decimal]
    overall: Decimal
    per_expert_overall: dict[str, Decimal]
    spreads: dict[str, Decimal]
    flagged: list[str]


def dimension_scores(
    scores: Mapping[int, Decimal], indicators: Sequence[IndicatorSpec]
) -> dict[str, Decimal]:
    """One expert: {dimension: weighted mean of its indicators}; every indicator must be scored."""
    by_dimension: dict[str, dict[str, int]] = {}
    for spec in indicators:
        by_dimension.setdefault(spec.dimension, {})[str(spec.id)] = spec.weight
    given = {str(k): Decimal(v) for k, v in scores.items()}
    unknown = set(given) - {str(spec.id) for spec in indicators}
    if unknown:
        raise ScoringError(f"scores for unknown indicators: {sorted(unknown)}")
    return {
        dimension: weighted_total(
            {code: given.get(code) for code in weights if code in given}, weights
        )
        for dimension, weights in by_dimension.items()
    }


def overall(dimensions: Mapping[str, Decimal], weights: Mapping[str, int]) -> Decimal:
    """Category-weighted score over the dimensions that carry weight."""
    weighted = {d: w for d, w in weights.items() if w > 0}
    return weighted_total({d: dimensions[d] for d in weighted if d in dimensions}, weighted)


def disagreements(
    per_expert: Mapping[str, Mapping[str, Decimal]], threshold: Decimal
) -> tuple[dict[str, Decimal], list[str]]:
    """Spread (max - min over the experts) per dimension, and the dimensions beyond threshold."""
    spreads: dict[str, Decimal] = {}
    for scores in per_expert.values():
        for dimension in scores:
            values = [Decimal(s[dimension]) for s in per_expert.values() if dimension in s]
            spreads[dimension] = (max(values) - min(values)).quantize(CENT)
    flagged = sorted(d for d, spread in spreads.items() if spread > Decimal(threshold))
    return spreads, flagged


def evaluate(
    per_expert_indicator_scores: Mapping[str, Mapping[int, Decimal]],
    indicators: Sequence[IndicatorSpec],
    weights: Mapping[str, int],
    threshold: Decimal,
) -> Result:
    """The whole panel: per expert label {indicator id: score} -> dimensions, overall, spreads."""
    if not per_expert_indicator_scores:
        raise ScoringError("no expert has scored")
    per_expert = {
        label: dimension_scores(scores, indicators)
        for label, scores in per_expert_indicator_scores.items()
    }
    dims = {d for scores in per_expert.values() for d in scores}
    dimensions = {d: aggregate([scores[d] for scores in per_expert.values()]) for d in dims}
    per_expert_overall = {label: overall(scores, weights) for label, scores in per_expert.items()}
    spreads, flagged = disagreements(per_expert, threshold)
    return Result(
        dimensions=dimensions,
        overall=overall(dimensions, weights),
        per_expert_overall=per_expert_overall,
        spreads=spreads,
        flagged=flagged,
    )
