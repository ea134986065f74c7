"""The pure aggregation functions: weighted totals, (trimmed) means and ranking."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from challenges.scoring import ScoringError, aggregate, rank, weighted_total

WEIGHTS = {"technical": 40, "team": 25, "budget": 15, "feasibility": 20}
score = st.integers(min_value=0, max_value=100).map(Decimal)
totals = st.lists(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False), min_size=1, max_size=12
)


def test_the_default_rubric_weights_each_criterion():
    scores = {"technical": 90, "team": 80, "budget": 70, "feasibility": 60}
    # 90×.40 + 80×.25 + 70×.15 + 60×.20 = 36 + 20 + 10.5 + 12
    assert weighted_total(scores, WEIGHTS) == Decimal("78.50")


def test_every_criterion_must_be_scored_within_range():
    with pytest.raises(ScoringError):
        weighted_total({"technical": 90}, WEIGHTS)
    with pytest.raises(ScoringError):
        weighted_total({**dict.fromkeys(WEIGHTS, 90), "technical": 101}, WEIGHTS)


def test_four_experts_are_averaged_five_are_trimmed():
    assert aggregate([Decimal(x) for x in (60, 70, 80, 90)]) == Decimal("75.00")
    # 0 and 100 are dropped: mean of 70, 80, 90
    assert aggregate([Decimal(x) for x in (0, 70, 80, 90, 100)]) == Decimal("80.00")
    assert aggregate([]) is None


def test_ties_share_a_rank_and_unscored_entries_are_left_out():
    ranked = rank({1: Decimal("80"), 2: Decimal("90"), 3: Decimal("80"), 4: None, 5: Decimal("70")})
    assert ranked == [
        (2, Decimal("90"), 1),
        (1, Decimal("80"), 2),
        (3, Decimal("80"), 2),
        (5, Decimal("70"), 4),
    ]


@given(st.fixed_dictionaries({code: score for code in WEIGHTS}))
def test_a_weighted_total_lies_between_the_lowest_and_highest_score(scores):
    total = weighted_total(scores, WEIGHTS)
    assert min(scores.values()) <= total <= max(scores.values())


@given(score)
def test_equal_scores_give_that_score(value):
    assert weighted_total(dict.fromkeys(WEIGHTS, value), WEIGHTS) == value


@given(totals)
def test_the_aggregate_lies_within_the_totals(values):
    result = aggregate(values)
    assert min(values) - Decimal("0.01") <= result <= max(values) + Decimal("0.01")


@given(totals)
def test_the_aggregate_does_not_depend_on_order(values):
    assert aggregate(values) == aggregate(list(reversed(values)))


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=5, max_size=12))
def test_from_five_experts_one_extreme_outlier_cannot_move_the_result(values):
    outlier = aggregate([*values[:-1], Decimal("100")])
    other = aggregate([*values[:-1], Decimal("0")])
    middle = sorted(values[:-1])
    assert middle[0] - Decimal("0.01") <= outlier <= middle[-1] + Decimal("0.01")
    assert middle[0] - Decimal("0.01") <= other <= middle[-1] + Decimal("0.01")


@given(st.dictionaries(st.integers(1, 50), st.decimals(min_value=0, max_value=100, places=2)))
def test_ranks_are_ordered_by_score_and_start_at_one(results):
    ranked = rank(results)
    assert [key for key, _s, _r in ranked] == sorted(results, key=lambda k: (-results[k], k))
    if ranked:
        assert ranked[0][2] == 1
    for (_k1, s1, r1), (_k2, s2, r2) in zip(ranked, ranked[1:], strict=False):
        assert s1 >= s2
        assert r1 <= r2
        assert (r1 == r2) == (s1 == s2)
