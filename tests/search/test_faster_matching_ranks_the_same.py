"""Speed-ups of the match path (bench/matching_speed) must not change what it returns."""

import copy

import pytest

from search.client import alias_name
from search.matching import compat, engine


def ranked(matches):
    return [(m.pk, m.score, m.strength, m.features) for m in matches]


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["glue_need", "glue"])
def test_keeping_the_best_few_ranks_them_as_ranking_all_and_cutting_does(indexed, source):
    listing = indexed[source]
    kinds = engine.registry.SIDE_KINDS[engine._counterpart_side(engine.registry.of(listing).side)]
    p = engine.listing_profile(listing)
    hits, peers = engine.retrieve(listing, p, kinds, engine.CANDIDATES)
    everything = engine.rerank(listing, p, copy.deepcopy(hits), copy.deepcopy(peers))
    best = engine.rerank(listing, p, copy.deepcopy(hits), copy.deepcopy(peers), 1)
    assert len(everything) > 1
    assert ranked(best) == ranked(everything[:1])


@pytest.mark.django_db
def test_a_search_that_finds_nothing_keeps_its_place_among_the_responses(indexed):
    index = alias_name("achievements")
    nothing = {"query": {"match_none": {}}, "size": 5}
    everything = {"query": {"match_all": {}}, "size": 5, "_source": ["pk"]}
    found = engine._msearch([{"index": index}, nothing, {"index": index}, everything])
    assert found[0] == []
    assert {hit["_id"] for hit in found[1]} == {
        str(indexed[k].pk) for k in ("glue", "vision", "cold")
    }


@pytest.mark.django_db
def test_compatibility_read_once_for_many_candidates_says_what_each_pair_says(indexed):
    need, glue = indexed["glue_need"], indexed["glue"]
    target = {"asking_price_cny": 400000.0, "maturity": "pilot", "transfer_modes": ["license"]}
    assert compat.against(need)(target) == compat.signals(need, target)
    assert compat.signals(need, target) == {
        "budget_covers": True,
        "maturity": "pilot",
        "licensable": True,
        "mode_fit": None,
    }
    need_doc = {"budget_max_cny": 300000.0, "cooperation_modes": ["license"]}
    assert compat.signals(glue, need_doc) == {
        "budget_covers": False,
        "maturity": "pilot",
        "licensable": True,
        "mode_fit": True,
    }
