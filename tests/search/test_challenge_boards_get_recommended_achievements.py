"""推荐成果 for a 揭榜挂帅榜单, and 榜单 among an achievement's matches."""

import pytest

from search.matching import match_achievement
from search.outbox import drain_outbox
from search.selectors import recommended_achievements
from tests.challenges.factories import draft_challenge, published_challenge

pytestmark = pytest.mark.django_db

VISION = "单板表面缺陷机器视觉分级系统"


def vision_board():
    return published_challenge(
        title="单板缺陷人工分拣效率低，求机器视觉自动分级",
        problem_statement="希望用工业相机和深度学习识别单板节子、开裂等缺陷，自动分拣并对接输送线。",
    )


def test_a_board_recommends_the_achievement_that_solves_it_with_reasons(indexed):
    board = vision_board()
    drain_outbox(refresh=True)
    recommended = recommended_achievements(board)
    assert 1 <= len(recommended) <= 5
    assert recommended[0].title == VISION
    assert recommended[0].model == "achievement"
    assert recommended[0].why
    assert "未发布的秸秆板材配方" not in {m.title for m in recommended}


def test_an_achievements_matches_link_to_the_board(indexed, client):
    board = vision_board()
    drain_outbox(refresh=True)
    vision = indexed["vision"]
    found = [m for m in match_achievement(vision) if m.model == "challenge"]
    assert board.pk in [m.pk for m in found]  # beside the corpus's own 榜单
    payload = client.get(f"/api/v1/achievements/{vision.pk}/matches").json()
    [item] = [m for m in payload["matches"] if m["model"] == "challenge" and m["id"] == board.pk]
    assert item["url"] == board.get_absolute_url()


def test_the_board_page_shows_recommended_achievements(indexed, client):
    board = vision_board()
    drain_outbox(refresh=True)
    page = client.get(board.get_absolute_url()).content.decode()
    assert "推荐成果" in page
    assert VISION in page


def test_a_draft_board_shows_no_recommendations(indexed, client):
    board = draft_challenge()
    client.force_login(board.created_by)
    page = client.get(board.get_absolute_url()).content.decode()
    assert VISION not in page
