import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def test_the_match_panel_lists_top_achievements_with_reasons(indexed):
    html = Template("{% load search_tags %}{% listing_matches need %}").render(
        Context({"need": indexed["glue_need"]})
    )
    assert "推荐成果" in html
    assert "植物蛋白基无醛木材胶黏剂" in html
    assert "共同关键词" in html


def test_the_match_panel_of_an_achievement_lists_needs(indexed):
    html = Template("{% load search_tags %}{% listing_matches a %}").render(
        Context({"a": indexed["vision"]})
    )
    assert "匹配需求" in html
    assert "单板分等全靠人眼" in html
