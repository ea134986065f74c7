"""An all-digit external_id is not mistaken for another listing's primary key."""

import pytest

from tests.search.factories import need

pytestmark = pytest.mark.django_db


def test_an_all_digit_external_id_finds_its_own_listing_not_the_one_with_that_pk(indexed, client):
    glue_need = indexed["glue_need"]
    other = need(
        "木材干燥窑能耗高，求节能改造",
        "干燥窑蒸汽耗量大，想找余热回收方案。",
        organization=indexed["firm"],
        external_id=str(glue_need.pk),
    )
    response = client.get(f"/api/v1/needs/{glue_need.pk}/matches")
    assert response.status_code == 200
    assert response.json()["source_id"] == other.pk


def test_the_id_prefix_asks_for_the_primary_key(indexed, client):
    glue_need = indexed["glue_need"]
    need("木材干燥窑能耗高", "想找余热回收方案。", external_id=str(glue_need.pk))
    response = client.get(f"/api/v1/needs/id:{glue_need.pk}/matches")
    assert response.json()["source_id"] == glue_need.pk


def test_the_ext_prefix_asks_for_the_external_id(indexed, client):
    glue_need = indexed["glue_need"]
    glue_need.external_id = "LY-2026-001"
    glue_need.save()
    response = client.get("/api/v1/needs/ext:LY-2026-001/matches")
    assert response.json()["source_id"] == glue_need.pk
    assert client.get(f"/api/v1/needs/ext:{glue_need.pk}/matches").status_code == 404


def test_digits_without_such_an_external_id_are_a_primary_key(indexed, client):
    glue = indexed["glue"]
    response = client.get(f"/api/v1/achievements/{glue.pk}/matches")
    assert response.json()["source_id"] == glue.pk
