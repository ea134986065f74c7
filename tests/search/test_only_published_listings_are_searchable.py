import pytest
from django.db import transaction

from marketplace.models import Status
from search.outbox import drain_outbox, record_change
from search.selectors import search_listings

pytestmark = pytest.mark.django_db


def titles(**kwargs):
    return {h["title"] for h in search_listings(**kwargs).hits}


def test_drafts_are_not_found(indexed):
    assert "未发布的秸秆板材配方" not in titles(query="秸秆")


def test_a_withdrawn_listing_disappears_from_search(indexed):
    glue = indexed["glue"]
    with transaction.atomic():
        glue.status = Status.WITHDRAWN
        glue.save()
        record_change(glue)
    drain_outbox(refresh=True)
    assert "植物蛋白基无醛木材胶黏剂" not in titles(query="胶黏剂")


def test_match_api_hides_unpublished_listings(indexed, client):
    secret = indexed["secret"]
    assert client.get(f"/api/v1/achievements/{secret.pk}/matches").status_code == 404
