from decimal import Decimal

import pytest

from marketplace.models import Status
from tests.marketplace.factories import good_achievement, good_need, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings():
    _user, org = member()
    return {
        "published": good_achievement(org, reserve_price_cny=Decimal("300000")),
        "draft": good_achievement(org, status=Status.DRAFT, published_at=None),
        "need": good_need(org),
        "pending_need": good_need(org, status=Status.PENDING, published_at=None),
    }


def test_achievement_list_shows_published_only_with_pagination(client, listings):
    body = client.get("/api/v1/achievements").json()
    assert body["count"] == 1
    assert [item["id"] for item in body["items"]] == [listings["published"].pk]


def test_achievement_detail_never_contains_the_reserve_price(client, listings):
    response = client.get(f"/api/v1/achievements/{listings['published'].pk}")
    assert response.status_code == 200
    assert "reserve" not in response.content.decode()
    assert "300000" not in response.content.decode()
    assert response.json()["patent_number"] == "ZL202310456781.4"


def test_unpublished_achievement_is_not_found_in_the_api(client, listings):
    assert client.get(f"/api/v1/achievements/{listings['draft'].pk}").status_code == 404


def test_need_list_and_detail(client, listings):
    body = client.get("/api/v1/needs").json()
    assert [item["id"] for item in body["items"]] == [listings["need"].pk]
    detail = client.get(f"/api/v1/needs/{listings['need'].pk}").json()
    assert detail["industry"] == "wood_furniture"
    assert client.get(f"/api/v1/needs/{listings['pending_need'].pk}").status_code == 404


def test_reserve_price_is_absent_from_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").content.decode()
    assert "AchievementOut" in schema
    assert "reserve_price" not in schema


@pytest.mark.parametrize("page", ["2", "1000000000000000000"])
def test_a_page_past_the_end_is_empty_not_a_server_error(client, listings, page):
    response = client.get(f"/api/v1/achievements?page={page}")
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1}
    assert client.get(f"/api/v1/needs?page={page}").json()["items"] == []
