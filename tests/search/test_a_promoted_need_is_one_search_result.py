"""A need promoted to a 揭榜挂帅榜单 is searched and matched through its 榜单 while the 榜单 is
public: one problem, one search result."""

from decimal import Decimal

import pytest

from challenges import services
from search.outbox import drain_outbox, record_change
from search.rebuild import rebuild_all
from search.selectors import search_listings
from tests.challenges.factories import INDICATORS, pay_deposit, staff_user
from tests.search.factories import need

pytestmark = pytest.mark.django_db


def results(query="胶合板"):
    hits = search_listings(query=query, kinds=["needs", "challenges"], per_page=50).hits
    return {(h["model"], h["id"]) for h in hits}


def promoted_and_published(original):
    staff = staff_user()
    board = services.promote_need_to_challenge(
        need=original, by=staff, bounty_cny=Decimal("300000")
    )
    services.update_challenge(challenge=board, by=staff, indicators=INDICATORS)
    services.submit_challenge(challenge=board, by=staff)
    pay_deposit(board, staff)
    services.publish_challenge(challenge=board, by=staff)
    board.refresh_from_db()
    return board, staff


@pytest.fixture
def original(clean_indices):
    listing = need(
        "胶合板鼓泡开裂靠人工目检，求在线检测",
        "希望实现胶合板表面缺陷的在线自动检测，漏检率低于百分之二。",
    )
    record_change(listing)
    drain_outbox(refresh=True)
    return listing


def test_a_need_leaves_the_index_when_its_board_is_published(original):
    assert results() == {("need", original.pk)}
    board, _ = promoted_and_published(original)
    drain_outbox(refresh=True)
    assert results() == {("challenge", board.pk)}


def test_the_need_returns_when_its_board_is_cancelled(original):
    board, staff = promoted_and_published(original)
    drain_outbox(refresh=True)
    services.cancel_challenge(challenge=board, by=staff, reason="发榜单位已自行解决")
    drain_outbox(refresh=True)
    assert results() == {("need", original.pk)}


def test_a_rebuild_indexes_the_board_and_not_its_need(original):
    board, _ = promoted_and_published(original)
    rebuild_all(progress=False)
    assert results() == {("challenge", board.pk)}
