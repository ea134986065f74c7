"""The outbox under a real Elasticsearch outage: stop it, change listings, start it, drain."""

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from marketplace.models import Status
from search.client import alias_name
from search.models import IndexTask
from search.outbox import drain_outbox, record_change
from tests.search.factories import achievement

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch"
pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def es_ctl(action: str) -> None:
    subprocess.run([str(SCRIPT), action], check=True, timeout=240, capture_output=True)  # noqa: S603


def indexed_titles(es) -> dict[int, str]:
    es.indices.refresh(index=alias_name("achievements"))
    hits = es.search(index=alias_name("achievements"), size=100, query={"match_all": {}})
    return {int(h["_id"]): h["_source"]["title"] for h in hits["hits"]["hits"]}


def change(listing, **fields):
    with transaction.atomic():
        for name, value in fields.items():
            setattr(listing, name, value)
        listing.save()
        record_change(listing)


def test_changes_made_while_elasticsearch_is_down_reach_the_index_once_it_is_back(
    clean_indices, client
):
    es = clean_indices
    kept = achievement("秸秆制板用无醛胶", "以秸秆为原料压制刨花板。")
    withdrawn = achievement("木材防霉处理剂", "硼化合物复配的防霉剂。")
    for listing in (kept, withdrawn):
        change(listing)
    assert drain_outbox()["indexed"] == 2
    assert set(indexed_titles(es)) == {kept.pk, withdrawn.pk}

    es_ctl("stop")
    try:
        change(kept, title="秸秆制板用无醛胶（第二代）")
        change(withdrawn, status=Status.WITHDRAWN)
        added = achievement("家具板材激光封边工艺", "激光熔融封边条功能层。")
        change(added)

        result = drain_outbox()
        assert result["indexed"] == 0
        assert result["remaining"] == 3
        health = client.get("/healthz").json()["checks"]
        assert health["elasticsearch"]["ok"] is False
        assert health["search_outbox"]["backlog"] == 3
        # Each waiting change is retried later, not at once.
        assert IndexTask.objects.filter(attempts=1, next_attempt_at__gt=timezone.now()).count() == 3
    finally:
        es_ctl("start")

    result = drain_outbox(now=timezone.now() + timedelta(hours=1))
    assert result == {"indexed": 3, "failed": 0, "remaining": 0}
    titles = indexed_titles(es)
    assert titles[kept.pk] == "秸秆制板用无醛胶（第二代）"
    assert titles[added.pk] == added.title
    assert withdrawn.pk not in titles
    assert client.get("/healthz").json()["checks"]["search_outbox"]["backlog"] == 0


def test_a_rolled_back_change_leaves_no_index_task(db):
    listing = achievement("钢渣微粉掺合料", "钢渣粉磨后用作混凝土掺合料。")
    with pytest.raises(RuntimeError), transaction.atomic():
        record_change(listing)
        raise RuntimeError("the service failed after recording")
    assert not IndexTask.objects.exists()


def test_replaying_the_same_change_indexes_one_document(clean_indices):
    listing = achievement(
        "冷链车温度远程监控系统", "车载传感器实时上传温湿度。", industry_code="logistics"
    )
    for _ in range(3):
        change(listing)
    drain_outbox()
    record_change(listing)
    drain_outbox()
    assert list(indexed_titles(clean_indices)) == [listing.pk]
    assert not IndexTask.objects.exists()
