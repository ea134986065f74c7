"""The policy library filters by issuing authority, year and topic."""

from datetime import date

import pytest

from cms.models.policy import PolicyTopic

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    index = factories.policy_index(home_page)
    factories.policy(index, title="市政府实施意见", slug="a", topic=PolicyTopic.TECH_MARKET)
    factories.policy(
        index,
        title="技术经纪人管理办法",
        slug="b",
        authority="临沂市科学技术局",
        issued_on=date(2024, 3, 18),
        topic=PolicyTopic.TALENT,
    )
    factories.policy(
        index,
        title="科技金融若干措施",
        slug="c",
        authority="临沂市科学技术局",
        issued_on=date(2023, 5, 4),
        topic=PolicyTopic.FINANCE,
    )
    return index


def titles(client, index, **params):
    html = client.get(index.url, params).content.decode()
    return {t for t in ["市政府实施意见", "技术经纪人管理办法", "科技金融若干措施"] if t in html}


def test_unfiltered_library_lists_every_policy(client, library):
    assert len(titles(client, library)) == 3


def test_library_filters_by_authority(client, library):
    assert titles(client, library, authority="临沂市科学技术局") == {
        "技术经纪人管理办法",
        "科技金融若干措施",
    }


def test_library_filters_by_year(client, library):
    assert titles(client, library, year="2023") == {"市政府实施意见", "科技金融若干措施"}


def test_library_filters_by_topic_and_combines_filters(client, library):
    assert titles(client, library, topic="talent") == {"技术经纪人管理办法"}
    assert titles(client, library, year="2023", authority="临沂市科学技术局") == {
        "科技金融若干措施"
    }


def test_unknown_filter_values_are_ignored_or_match_nothing(client, library):
    assert len(titles(client, library, topic="nonsense", year="abc")) == 3
    assert titles(client, library, authority="不存在的机关") == set()


@pytest.mark.parametrize("year", ["²⁰²³", "99999", "0"])
def test_a_year_that_is_not_four_ascii_digits_is_ignored(client, library, year):
    assert len(titles(client, library, year=year)) == 3
