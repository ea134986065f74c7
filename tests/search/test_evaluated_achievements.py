"""A published 五元 evaluation reaches the index: the 已评价 facet, and a reason in matches."""

import pytest

from evaluation import services as evaluation_services
from search.matching import match_need
from search.outbox import drain_outbox
from search.rebuild import rebuild_all
from search.selectors import search_listings
from tests.evaluation.factories import completed, owner_of

pytestmark = pytest.mark.django_db


def evaluate_and_publish(achievement):
    evaluation = completed(achievement=achievement)
    owner = owner_of(achievement.organization)
    evaluation_services.set_badge(evaluation=evaluation, by=owner, public=True)
    return evaluation


def titles(result):
    return {hit["title"] for hit in result.hits}


def test_only_achievements_with_a_published_badge_pass_the_evaluated_filter(indexed):
    evaluation = evaluate_and_publish(indexed["glue"])
    drain_outbox(refresh=True)  # set_badge recorded the change in the outbox
    result = search_listings(kinds=["achievements"], filters={"evaluated": ["yes"]})
    assert titles(result) == {indexed["glue"].title}
    facet = {v.value: v.count for v in result.facets["evaluated"]["values"]}
    assert facet == {"yes": 1}

    owner = owner_of(indexed["glue"].organization)
    evaluation_services.set_badge(evaluation=evaluation, by=owner, public=False)
    drain_outbox(refresh=True)
    assert search_listings(kinds=["achievements"], filters={"evaluated": ["yes"]}).total == 0


def test_a_rebuild_keeps_the_evaluation_score(indexed):
    evaluation = evaluate_and_publish(indexed["glue"])
    rebuild_all(progress=False)
    [match] = [m for m in match_need(indexed["glue_need"]) if m.pk == indexed["glue"].pk]
    overall = evaluation.overall_rounded
    assert match.source["evaluation_overall"] == overall
    assert f"已通过五元评价（综合 {overall}）" in match.why


def test_an_evaluation_moves_a_match_towards_the_top_but_never_past_one(indexed):
    before = {m.pk: m.score for m in match_need(indexed["glue_need"])}
    evaluate_and_publish(indexed["cold"])
    drain_outbox(refresh=True)
    after = {m.pk: m.score for m in match_need(indexed["glue_need"])}
    cold = indexed["cold"].pk
    assert before[cold] < after[cold] <= 1.0
    assert after[indexed["glue"].pk] == pytest.approx(before[indexed["glue"].pk])
