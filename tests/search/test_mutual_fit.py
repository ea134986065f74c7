"""Mutual fit: a candidate is judged by whether it fits the source better than the source's
peers (search/matching/mutual.py)."""

from search import text
from search.matching import mutual


def doc(s: str) -> str:
    """A text as the index keeps it (body_c): its characters and words, joined by spaces."""
    return text.joined(text.chars(s))


GLUE_NEED = doc("板厂想找不含甲醛的胶黏剂，热压后胶合强度要达标，成本增加不超过八十元")
DRYING_NEED = doc("脱水蔬菜烘干能耗高，想用热泵烘干降低成本，颜色要好")


def test_candidate_that_fits_the_source_best_scores_one():
    glue = doc("无醛大豆蛋白胶黏剂，胶合强度高，热压工艺不变，成本低")
    [fit] = mutual.fit([glue], GLUE_NEED, [DRYING_NEED])
    assert fit == 1.0


def test_candidate_that_fits_a_peer_better_scores_less_than_one():
    heat_pump = doc("热泵烘干系统，蔬菜烘干能耗降低一半，颜色好")
    [fit] = mutual.fit([heat_pump], GLUE_NEED, [DRYING_NEED])
    assert 0.0 <= fit < 0.5


def test_candidate_sharing_nothing_scores_zero():
    [fit] = mutual.fit([doc("software")], GLUE_NEED, [DRYING_NEED])
    assert fit == 0.0


def test_fit_without_peers_is_one_for_any_overlap():
    assert mutual.fit([doc("胶黏剂")], GLUE_NEED, []) == [1.0]


def test_rare_characters_weigh_more_than_common_ones():
    assert mutual.idf("醛") > mutual.idf("的")


def test_a_source_and_peers_sharing_no_token_with_the_candidates_score_zero():
    assert mutual.fit([doc("胶黏剂"), ""], "", [""]) == [0.0, 0.0]


def test_no_candidates_give_no_fits():
    assert mutual.fit([], GLUE_NEED, [DRYING_NEED]) == []
