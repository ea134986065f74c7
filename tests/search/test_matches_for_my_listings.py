"""为我的发布推荐: the matches of my organizations' published listings, with feedback forms."""

import pytest

from tests.accounts.factories import member_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_members_see_matches_for_their_organizations_listings(client, indexed):
    client.force_login(member_of(indexed["firm"]))
    html = client.get("/search/matches/").content.decode()
    assert "为我的发布推荐" in html
    assert "多层板甲醛超标，想换不含甲醛的胶" in html  # the firm's need...
    assert "植物蛋白基无醛木材胶黏剂" in html  # ...and the achievement recommended for it
    assert 'class="match-feedback"' in html
    assert "未发布的秸秆板材配方" not in html


def test_a_user_without_listings_is_told_what_will_appear(client, db):
    client.force_login(UserFactory())
    html = client.get("/search/matches/").content.decode()
    assert "通过审核后，这里会列出为它们推荐的合作对象" in html


def test_visitors_are_sent_to_log_in_for_their_matches(client, db):
    assert "/accounts/login/" in client.get("/search/matches/").url
