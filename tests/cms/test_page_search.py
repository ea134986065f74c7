"""Wagtail page search goes through the real Elasticsearch with jieba-segmented Chinese."""

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.selectors import search_pages

from . import factories

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def refresh():
    backend = get_search_backend()
    backend.get_index_for_model(Page).refresh()


@pytest.fixture
def portal(clean_indices, home_page):
    news_index = factories.news_index(home_page)
    factories.news(
        news_index,
        title="2027年度第一期技术经纪人培训班开班",
        intro="培训围绕技术合同登记与成果评价展开。",
    )
    factories.news(
        news_index, title="草稿：不应被检索", slug="draft", intro="技术经纪人"
    ).unpublish()
    policies = factories.policy_index(home_page)
    factories.policy(policies, intro="推行揭榜制、赛马制和组阁制，完善五元评价。")
    factories.service(home_page, title="中试基地", slug="pilot-bases", intro="开放共享设备")
    refresh()
    return home_page


def test_page_index_lives_under_the_configured_prefix(portal, settings, es):
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-cms-wagtailcore_page"
    assert es.indices.exists(index=name)
    mapping = es.indices.get_mapping(index=name)[name]["mappings"]["properties"]
    assert mapping["title"]["analyzer"] == "whitespace"


def test_chinese_query_finds_pages_by_words_not_by_exact_title(portal):
    titles = [p.title for p in search_pages("经纪人培训")]
    assert titles[0] == "2027年度第一期技术经纪人培训班开班"


def test_search_matches_body_fields_and_document_numbers(portal):
    assert [p.title for p in search_pages("赛马制")] == ["关于推动科技创新高质量发展的实施意见"]
    assert search_pages("临政字〔2023〕104号")[0].document_number == "临政字〔2023〕104号"


def test_search_returns_specific_live_pages_only(portal):
    results = search_pages("技术经纪人")
    assert "草稿：不应被检索" not in [p.title for p in results]
    assert all(p.live for p in results)
    assert {type(p).__name__ for p in search_pages("中试基地")} == {"ServicePage"}


def test_search_limits_results_and_ignores_empty_queries(portal):
    assert len(search_pages("技术", limit=1)) == 1
    assert search_pages("   ") == []
    assert search_pages("完全无关的查询词汇火星") == []


def test_unpublished_page_leaves_the_results(portal):
    page = Page.objects.get(slug="pilot-bases")
    page.unpublish()
    refresh()
    assert search_pages("中试基地") == []


def test_admin_autocomplete_matches_word_prefixes(portal):
    titles = [p.title for p in Page.objects.live().autocomplete("中试")]
    assert "中试基地" in titles


def test_search_before_anything_is_indexed_returns_nothing(clean_indices, home_page):
    assert search_pages("技术经纪") == []
