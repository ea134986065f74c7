import pytest

from search.client import alias_name
from search.indexing import indices_behind
from search.rebuild import rebuild_all
from search.selectors import search_listings

pytestmark = pytest.mark.django_db


def test_rebuild_moves_the_alias_to_a_new_index_and_drops_the_old(indexed, es):
    before = indices_behind(alias_name("achievements"))
    new = rebuild_all(progress=False)
    after = indices_behind(alias_name("achievements"))
    assert after == [new["achievements"]] != before
    assert not es.indices.exists(index=before[0])
    assert search_listings(kinds=["achievements"]).total == 3


def test_searches_use_the_old_index_until_the_swap(indexed, es):
    from search import indexing

    new = indexing.create_index("achievements")
    # The new index is empty and not yet behind the alias: searches still see everything.
    assert search_listings(kinds=["achievements"]).total == 3
    indexing.bulk(indexing.index_action(a, index=new) for a in [indexed["glue"], indexed["vision"]])
    es.indices.refresh(index=new)
    old = indexing.swap_alias("achievements", new)
    assert indices_behind(alias_name("achievements")) == [new]
    assert search_listings(kinds=["achievements"]).total == 2
    for name in old:
        es.indices.delete(index=name)


def test_parallel_rebuild_indexes_the_same_documents_as_a_sequential_one(indexed, es, monkeypatch):
    from search import rebuild

    def documents(index):
        hits = es.search(index=index, size=100, sort=["pk"])["hits"]["hits"]
        return [hit["_source"] for hit in hits]

    sequential = documents(rebuild_all(progress=False)["achievements"])
    monkeypatch.setattr(rebuild, "PARALLEL_FROM", 1)
    monkeypatch.setattr(rebuild, "CHUNK", 2)  # several chunks in flight at once
    parallel = documents(rebuild_all(progress=False)["achievements"])
    assert len(parallel) == 3
    assert parallel == sequential
