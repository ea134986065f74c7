"""The pure aggregation: weights per dimension and category, trimmed means, the spread."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from evaluation import scoring
from evaluation.scoring import IndicatorSpec

SPECS = [
    IndicatorSpec(id=1, dimension="technology", weight=2),
    IndicatorSpec(id=2, dimension="technology", weight=1),
    IndicatorSpec(id=3, dimension="economy", weight=1),
]
WEIGHTS = {"technology": 3, "economy": 1}

score = st.decimals(min_value=0, max_value=100, places=2)


def test_indicator_weights_decide_the_dimension_score():
    dims = scoring.dimension_scores({1: Decimal(90), 2: Decimal(60), 3: Decimal(50)}, SPECS)

    assert dims == {"technology": Decimal("80.00"), "economy": Decimal("50.00")}


def test_category_weights_decide_the_overall_score():
    dims = {"technology": Decimal(80), "economy": Decimal(40)}

    assert scoring.overall(dims, WEIGHTS) == Decimal("70.00")
    assert scoring.overall(dims, {"technology": 1, "economy": 3}) == Decimal("50.00")


def test_a_dimension_without_weight_does_not_count():
    dims = {"technology": Decimal(80), "economy": Decimal(10)}

    assert scoring.overall(dims, {"technology": 1, "economy": 0}) == Decimal("80.00")


def test_a_missing_indicator_score_is_refused():
    try:
        scoring.dimension_scores({1: Decimal(90), 3: Decimal(50)}, SPECS)
    except scoring.ScoringError:
        return
    raise AssertionError("a missing indicator must be refused")


def test_spread_beyond_the_threshold_flags_the_dimension():
    panel = {
        "A": {1: Decimal(90), 2: Decimal(90), 3: Decimal(50)},
        "B": {1: Decimal(60), 2: Decimal(60), 3: Decimal(55)},
        "C": {1: Decimal(75), 2: Decimal(75), 3: Decimal(52)},
    }

    result = scoring.evaluate(panel, SPECS, WEIGHTS, Decimal(20))

    assert result.spreads == {"technology": Decimal("30.00"), "economy": Decimal("5.00")}
    assert result.flagged == ["technology"]
    assert result.dimensions["technology"] == Decimal("75.00")


def test_a_spread_exactly_at_the_threshold_is_not_a_disagreement():
    panel = {"A": {1: 80, 2: 80, 3: 60}, "B": {1: 60, 2: 60, 3: 60}, "C": {1: 70, 2: 70, 3: 60}}

    result = scoring.evaluate(panel, SPECS, WEIGHTS, Decimal(20))

    assert result.flagged == []


def test_five_experts_trim_the_highest_and_lowest_dimension_score():
    values = [10, 70, 70, 70, 100]
    panel = {label: {1: v, 2: v, 3: v} for label, v in zip("ABCDE", values, strict=True)}

    result = scoring.evaluate(panel, SPECS, WEIGHTS, Decimal(100))

    assert result.dimensions["technology"] == Decimal("70.00")


@given(st.lists(st.tuples(score, score, score), min_size=3, max_size=7))
def test_overall_lies_between_the_lowest_and_highest_dimension(rows):
    panel = {str(i): {1: a, 2: b, 3: c} for i, (a, b, c) in enumerate(rows)}

    result = scoring.evaluate(panel, SPECS, WEIGHTS, Decimal(20))

    dims = result.dimensions.values()
    assert min(dims) - Decimal("0.01") <= result.overall <= max(dims) + Decimal("0.01")


@given(score, st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=50))
def test_unanimous_experts_give_their_score_whatever_the_weights(value, w1, w2):
    panel = {label: {1: value, 2: value, 3: value} for label in "ABC"}

    result = scoring.evaluate(panel, SPECS, {"technology": w1, "economy": w2}, Decimal(0))

    assert result.overall == value.quantize(Decimal("0.01"))
    assert result.flagged == []


@given(st.lists(st.tuples(score, score, score), min_size=3, max_size=6), st.integers(1, 9))
def test_scaling_all_category_weights_changes_nothing(rows, factor):
    panel = {str(i): {1: a, 2: b, 3: c} for i, (a, b, c) in enumerate(rows)}
    scaled = {d: w * factor for d, w in WEIGHTS.items()}

    assert (
        scoring.evaluate(panel, SPECS, WEIGHTS, Decimal(20)).overall
        == scoring.evaluate(panel, SPECS, scaled, Decimal(20)).overall
    )


@given(st.lists(st.tuples(score, score, score), min_size=2, max_size=6), score)
def test_the_flag_is_raised_exactly_when_some_spread_exceeds_the_threshold(rows, threshold):
    panel = {str(i): {1: a, 2: a, 3: c} for i, (a, _b, c) in enumerate(rows)}

    result = scoring.evaluate(panel, SPECS, WEIGHTS, threshold)

    tech = max(r[0] for r in rows) - min(r[0] for r in rows)
    econ = max(r[2] for r in rows) - min(r[2] for r in rows)
    assert bool(result.flagged) == (tech > threshold or econ > threshold)
