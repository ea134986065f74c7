import pytest

from search.selectors import search_listings

pytestmark = pytest.mark.django_db


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]["values"]}


def test_facet_counts_reflect_the_published_listings(indexed):
    result = search_listings()
    assert result.total == 5  # 3 achievements, 1 need, 1 challenge; the draft is not there
    assert facet(result, "kind") == {"achievements": 3, "needs": 1, "challenges": 1}
    assert facet(result, "industry") == {"wood_furniture": 4, "logistics": 1}
    assert facet(result, "maturity") == {"pilot": 1, "industrialized": 1, "small_batch": 1}
    assert facet(result, "transfer_mode")["license"] == 2
    assert facet(result, "organization_kind") == {"university": 2, "enterprise": 3}
    labels = {v.value: v.label for v in result.facets["industry"]["values"]}
    assert labels["logistics"] != "logistics"


def test_a_filter_narrows_results_and_the_counts(indexed):
    result = search_listings(filters={"industry": ["logistics"]})
    assert [h["title"] for h in result.hits] == ["果蔬产地差压预冷装置"]
    assert facet(result, "kind") == {"achievements": 1}


def test_keyword_search_highlights_the_query_terms(indexed):
    result = search_listings(query="胶黏剂", kinds=["achievements"])
    assert result.hits[0]["title"] == "植物蛋白基无醛木材胶黏剂"
    assert "<mark>胶黏剂</mark>" in result.hits[0]["title_html"]


def test_sorting_by_price_puts_negotiable_prices_last(indexed):
    result = search_listings(kinds=["achievements"], sort="price_asc")
    assert [h["asking_price_cny"] for h in result.hits] == [400000.0, 900000.0, None]


def test_pagination_splits_results(indexed):
    first = search_listings(per_page=2, page=1)
    third = search_listings(per_page=2, page=3)
    assert first.pages == 3
    assert len(first.hits) == 2 and len(third.hits) == 1


def test_an_empty_result_offers_suggestions(indexed):
    result = search_listings(query="冷藏车菜心降温不及时怎么办")
    if result.total == 0:
        assert result.suggestions
    result = search_listings(query="量子通信卫星")
    assert result.total == 0
    assert isinstance(result.suggestions, list)
