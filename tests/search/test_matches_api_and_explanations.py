import json
from io import StringIO

import pytest
from django.core.management import call_command

from search.matching import match_need
from search.models import MatchFeedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_need_matches_are_ranked_with_score_and_reasons(indexed, client):
    need = indexed["glue_need"]
    body = client.get(f"/api/v1/needs/{need.pk}/matches").json()
    assert body["source"] == "need" and body["source_id"] == need.pk
    first = body["matches"][0]
    assert first["title"] == "植物蛋白基无醛木材胶黏剂"
    assert set(first) >= {"id", "external_id", "title", "score", "why", "url", "kind"}
    scores = [m["score"] for m in body["matches"]]
    assert scores == sorted(scores, reverse=True)
    assert all(m["why"] for m in body["matches"])


def test_matches_are_found_by_external_id_too(indexed, client):
    need = indexed["challenge"]
    need.external_id = "CH-77"
    need.save()
    body = client.get("/api/v1/needs/CH-77/matches?limit=1").json()
    assert body["matches"][0]["title"] == "单板表面缺陷机器视觉分级系统"


def test_achievement_matches_include_challenges(indexed, client):
    vision = indexed["vision"]
    body = client.get(f"/api/v1/achievements/{vision.pk}/matches").json()
    assert body["matches"][0]["kind"] == "challenges"


def test_every_cited_term_occurs_in_both_listings(indexed):
    need = indexed["glue_need"]
    need_text = f"{need.title} {' '.join(need.keywords)} {need.description}".lower()
    for match in match_need(need):
        source = match.source
        target_text = f"{source['title']} {' '.join(source['keywords'])} {source['summary']}"
        cited = [r for r in match.why if r.startswith("共同关键词：")]
        for reason in cited:
            for term in reason.removeprefix("共同关键词：").split("、"):
                assert term in need_text
                assert term in target_text.lower()


def test_compatibility_is_explained(indexed):
    first = match_need(indexed["glue_need"])[0]
    assert "预算覆盖报价" in first.why
    assert "可许可" in first.why


def test_a_dismissed_pair_is_not_suggested_to_that_organization_again(indexed):
    need, glue = indexed["glue_need"], indexed["glue"]
    MatchFeedback.objects.create(
        need=need,
        achievement=glue,
        organization=need.organization,
        user=UserFactory(),
        verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        reason=MatchFeedback.Reason.TOO_EXPENSIVE,
    )
    assert glue.pk not in [m.pk for m in match_need(need)]


def test_dismissing_the_best_candidate_brings_in_the_next_one(indexed):
    need = indexed["glue_need"]
    [best] = match_need(need, limit=1, candidates=1)
    MatchFeedback.objects.create(
        need=need,
        achievement_id=best.pk,
        organization=need.organization,
        user=UserFactory(),
        verdict=MatchFeedback.Verdict.NOT_RELEVANT,
        reason=MatchFeedback.Reason.WRONG_FIELD,
    )
    [next_best] = match_need(need, limit=1, candidates=1)
    assert next_best.pk != best.pk


def test_match_needs_prints_one_json_line_per_published_need(indexed):
    out = StringIO()
    call_command("match_needs", limit=2, format="jsonl", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 2  # the need and the challenge
    for line in lines:
        assert set(line) == {"need", "matches"}
        assert len(line["matches"]) <= 2
        assert {"achievement", "score", "why"} <= set(line["matches"][0])


def test_match_achievements_prints_the_reverse(indexed):
    out = StringIO()
    call_command("match_achievements", limit=1, stdout=out)
    assert len(out.getvalue().splitlines()) == 3
