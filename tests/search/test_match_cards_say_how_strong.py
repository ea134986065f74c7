"""A match card names its strength in words next to the calibrated percentage; a counterpart
below the ranker's match threshold is listed, but never called a match."""

import json
import re

import pytest
from django.urls import reverse

from search.matching import ranker

pytestmark = pytest.mark.django_db


@pytest.fixture
def rank_by_forward_position(tmp_path, settings):
    """A model scoring only the forward retriever's reciprocal rank: its first hit is a strong
    match (p ≈ 0.996), its second a match (p ≈ 0.73), the rest fall below the threshold."""
    where = tmp_path / "model.json"
    where.write_text(
        json.dumps(
            {
                "version": "test",
                "features": ["fwd_rr"],
                "mean": [0.0],
                "scale": [1.0],
                "coef": [9.0],
                "intercept": -3.5,
                "platt": [1.0, 0.0],
                "thresholds": {"match": 0.5, "strong": 0.8},
            }
        ),
        encoding="utf-8",
    )
    settings.SEARCH_RANKER_MODEL = str(where)
    ranker._load.cache_clear()
    return where


CARD = re.compile(r'<li class="card match-card".*?</li>\s*(?=<li class="card|</ol>)', re.S)


def cards(html: str) -> list[str]:
    return CARD.findall(html)


def test_the_need_page_names_each_match_strong_possible_or_for_reference(
    client, indexed, rank_by_forward_position
):
    page = client.get(reverse("marketplace:need_detail", kwargs={"pk": indexed["glue_need"].pk}))
    html = page.content.decode()
    shown = cards(html)
    assert len(shown) >= 3
    strong, possible, *rest = shown
    assert "强匹配" in strong and "植物蛋白基无醛木材胶黏剂" in strong
    assert "可能相关" in possible and "强匹配" not in possible
    assert rest and all("仅供参考" in card for card in rest)
    assert not any("强匹配" in card or "可能相关" in card for card in rest)


def test_the_percentage_stands_next_to_the_words(client, indexed, rank_by_forward_position):
    page = client.get(reverse("marketplace:need_detail", kwargs={"pk": indexed["glue_need"].pk}))
    strong = cards(page.content.decode())[0]
    assert re.search(r"强匹配</strong>\s*<span[^>]*>\d+%</span>", strong)
