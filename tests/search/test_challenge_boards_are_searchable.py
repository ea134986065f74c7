"""揭榜挂帅榜单 of the challenges app are the "challenges" index, each under its primary key."""

import pytest
from django.urls import reverse

from challenges import services
from search.models import IndexTask
from search.outbox import drain_outbox, record_change
from search.rebuild import rebuild_all
from search.selectors import search_listings
from tests.challenges.factories import draft_challenge, published_challenge, staff_user
from tests.search.factories import need

pytestmark = pytest.mark.django_db


def boards(**kwargs):
    """(model, id) of every hit in the challenges index."""
    hits = search_listings(kinds=["challenges"], per_page=50, **kwargs).hits
    return {(h["model"], h["id"]) for h in hits}


def test_a_published_board_is_found_with_its_link_bounty_and_mechanism(clean_indices):
    board = published_challenge(mechanism="horse_race")
    drain_outbox(refresh=True)
    result = search_listings(query="缺陷检测", kinds=["challenges"])
    [hit] = [h for h in result.hits if h["model"] == "challenge"]
    assert hit["id"] == board.pk
    assert hit["url"] == board.get_absolute_url()
    assert hit["kind"] == "challenges"
    assert hit["mechanism_label"] == "赛马制"
    assert hit["bounty_cny"] == 1000000.0


def test_the_boards_indicators_are_searchable(clean_indices):
    board = published_challenge()
    drain_outbox(refresh=True)
    assert ("challenge", board.pk) in boards(query="检出率")


def test_a_draft_board_is_not_searchable(clean_indices):
    draft_challenge()
    drain_outbox(refresh=True)
    assert boards() == set()


def test_a_cancelled_board_leaves_the_index(clean_indices):
    board = published_challenge()
    drain_outbox(refresh=True)
    assert boards() == {("challenge", board.pk)}
    services.cancel_challenge(challenge=board, by=staff_user(), reason="发榜单位已自行解决")
    drain_outbox(refresh=True)
    assert boards() == set()


def test_every_write_of_a_board_is_recorded_in_the_outbox(db):
    board = draft_challenge()
    rows = IndexTask.objects.filter(kind=IndexTask.Kind.CHALLENGE, object_id=board.pk)
    assert rows.count() == 1
    services.update_challenge(challenge=board, by=board.created_by, title="人造板表面缺陷检测")
    assert rows.count() == 2
    services.submit_challenge(challenge=board, by=board.created_by)
    assert rows.count() == 3


def test_a_board_and_a_need_with_the_same_primary_key_are_both_indexed(clean_indices):
    board = published_challenge()
    twin = need(
        "胶合板鼓泡开裂人工目检，求在线检测",
        "希望实现胶合板表面缺陷的在线自动检测。",
        pk=board.pk,
    )
    record_change(twin)
    drain_outbox(refresh=True)
    assert boards() == {("challenge", board.pk)}
    hits = search_listings(kinds=["needs", "challenges"], per_page=50).hits
    assert {(h["model"], h["id"]) for h in hits} == {("challenge", board.pk), ("need", board.pk)}
    need_hit = next(h for h in hits if h["model"] == "need")
    assert need_hit["kind"] == "needs"
    assert need_hit["url"] == reverse("marketplace:need_detail", kwargs={"pk": twin.pk})


def test_a_rebuild_indexes_the_public_boards(clean_indices):
    board = published_challenge()
    draft_challenge(title="尚未提交的榜单")
    IndexTask.objects.all().delete()
    rebuild_all(progress=False)
    assert boards() == {("challenge", board.pk)}
