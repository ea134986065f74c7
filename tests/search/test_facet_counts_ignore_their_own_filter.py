"""Each facet counts under every selected filter except its own (post_filter + filtered aggs)."""

import pytest

from search.selectors import search_listings

pytestmark = pytest.mark.django_db


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]["values"]}


def test_choosing_an_industry_keeps_the_counts_of_the_other_industries(indexed):
    result = search_listings(filters={"industry": ["logistics"]})
    assert [h["title"] for h in result.hits] == ["果蔬产地差压预冷装置"]
    assert result.total == 1
    assert facet(result, "industry") == {"wood_furniture": 4, "logistics": 1}
    selected = {v.value for v in result.facets["industry"]["values"] if v.selected}
    assert selected == {"logistics"}


def test_other_facets_count_only_the_filtered_results(indexed):
    result = search_listings(filters={"industry": ["logistics"]})
    assert facet(result, "kind") == {"achievements": 1}
    assert facet(result, "maturity") == {"small_batch": 1}


def test_a_facet_counts_under_the_filters_of_the_other_facets(indexed):
    result = search_listings(filters={"industry": ["wood_furniture"], "maturity": ["pilot"]})
    assert [h["title"] for h in result.hits] == ["植物蛋白基无醛木材胶黏剂"]
    # maturity counts apply the industry filter only; industry counts apply the maturity one.
    assert facet(result, "maturity") == {"pilot": 1, "industrialized": 1}
    assert facet(result, "industry") == {"wood_furniture": 1}


def test_two_values_of_one_facet_widen_the_results(indexed):
    result = search_listings(filters={"industry": ["logistics", "wood_furniture"]})
    assert result.total == 5
    assert facet(result, "industry") == {"wood_furniture": 4, "logistics": 1}
