"""Facet links on the search page switch one filter on or off and keep the rest."""

import html as html_lib

import pytest

pytestmark = pytest.mark.django_db


def test_a_facet_link_adds_its_filter_and_keeps_the_sort(indexed, client):
    page = html_lib.unescape(client.get("/search/?q=胶黏剂&sort=newest").content.decode())
    assert "?q=%E8%83%B6%E9%BB%8F%E5%89%82&sort=newest&industry=wood_furniture" in page


def test_a_selected_filter_shows_as_a_chip_that_removes_it(indexed, client):
    page = html_lib.unescape(
        client.get("/search/?industry=wood_furniture&maturity=pilot&sort=newest").content.decode()
    )
    assert "成熟度：中试" in page
    assert 'href="?industry=wood_furniture&sort=newest" title="取消此筛选"' in page
