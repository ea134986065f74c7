"""The learned ranker (search/matching/ranker): a dot product over the pair's features, read
from a JSON model; without one the hand-set formula ranks."""

import json

import numpy as np
import pytest
from django.template import Context, Template

from search.matching import features, match_need, ranker
from search.matching.ranker import train


def model_dict(coef: dict[str, float], *, intercept=0.0, platt=(1.0, 0.0)) -> dict:
    names = list(coef)
    return {
        "version": "test",
        "features": names,
        "mean": [0.0] * len(names),
        "scale": [1.0] * len(names),
        "coef": [coef[n] for n in names],
        "intercept": intercept,
        "platt": list(platt),
        "thresholds": {"match": 0.5, "strong": 0.8},
    }


def row(**values) -> list[float]:
    return [values.get(name, 0.0) for name in features.NAMES]


@pytest.fixture
def model_file(tmp_path, settings):
    def write(data: dict | None):
        where = tmp_path / "model.json"
        if data is not None:
            where.write_text(json.dumps(data), encoding="utf-8")
        settings.SEARCH_RANKER_MODEL = str(where)
        return where

    return write


def test_without_a_model_file_there_is_no_model(model_file):
    model_file(None)
    assert ranker.current() is None


@pytest.mark.django_db
def test_without_a_model_the_hand_set_formula_ranks(indexed, model_file):
    model_file(None)
    matches = match_need(indexed["glue_need"], with_why=False)
    assert matches[0].pk == indexed["glue"].pk
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    # the formula's score of the forward retriever's best hit (relative score 1)
    assert matches[0].features["retrieval"] == 1.0


def test_a_model_scores_as_its_coefficients_say():
    model = ranker.from_dict(model_dict({"industry": 2.0, "mutual": 1.0}))
    x = np.array([row(industry=0.0, mutual=1.0), row(industry=1.0, mutual=0.0)])
    low, high = model.probability(x)
    assert high > low
    assert low == pytest.approx(1 / (1 + np.exp(-1.0)))


@pytest.mark.django_db
def test_a_trained_model_changes_the_ordering_as_its_coefficients_say(indexed, model_file):
    model_file(model_dict({"fwd_rr": 5.0}))
    first = match_need(indexed["glue_need"], with_why=False)
    assert first[0].pk == indexed["glue"].pk
    # A model that prefers what the forward retriever ranks last puts the glue last.
    model_file(model_dict({"fwd_rr": -5.0}))
    ranker._load.cache_clear()
    reversed_ = match_need(indexed["glue_need"], with_why=False)
    assert reversed_[-1].pk == indexed["glue"].pk
    assert [m.score for m in reversed_] == sorted((m.score for m in reversed_), reverse=True)


@pytest.mark.django_db
def test_matches_below_the_threshold_are_not_called_matches(indexed, model_file):
    model_file(model_dict({"fwd_rr": 1.0}, intercept=-10.0))
    matches = match_need(indexed["glue_need"], with_why=False)
    assert matches and all(m.strength == "" for m in matches)
    model_file(model_dict({"fwd_rr": 1.0}, intercept=10.0))
    ranker._load.cache_clear()
    assert all(m.strength == "strong" for m in match_need(indexed["glue_need"], with_why=False))


def test_the_percentage_shown_is_monotone_in_the_probability():
    model = ranker.from_dict(model_dict({"formula": 3.0}, intercept=-1.5, platt=(0.8, 0.1)))
    x = np.array([row(formula=v) for v in np.linspace(0, 1, 21)])
    probabilities = model.probability(x)
    assert np.all(np.diff(probabilities) > 0)
    card = Template("{% widthratio score 1 100 %}")
    shown = [int(card.render(Context({"score": float(p)}))) for p in probabilities]
    assert shown == sorted(shown)
    assert all(0 <= s <= 100 for s in shown)


def need(set_name, key, grades=None):
    return train.Need(set_name, key, ["a"], np.zeros((1, len(features.NAMES))), grades or {}, [])


def test_the_cross_validation_splitter_never_puts_a_need_in_both_train_and_test():
    needs = [need("dev", f"d{i}") for i in range(40)] + [need("dev-b", f"b{i}") for i in range(43)]
    assignment = train.folds(needs, 5, seed=7)
    for fold in range(5):
        test = {n.key for n, a in zip(needs, assignment, strict=True) if a == fold}
        training = {n.key for n, a in zip(needs, assignment, strict=True) if a != fold}
        assert test and not test & training
        sets = {n.set_name for n, a in zip(needs, assignment, strict=True) if a == fold}
        assert sets == {"dev", "dev-b"}
    assert assignment == train.folds(needs, 5, seed=7)  # seeded: the same split every run


def test_fused_candidates_keep_everything_character_bm25_found():
    def hits(*ids):
        return [{"_id": i, "_score": 10.0 - n, "_source": {}} for n, i in enumerate(ids)]

    union, positions = features.fuse({"fwd": hits("a", "b"), "char": hits("c", "a"), "word": []})
    assert [h["_id"] for h in union] == ["a", "b", "c"]
    assert positions["char"]["c"] == (1.0, 0)
    assert "b" not in positions["char"]


def test_training_on_a_small_labelled_set_ranks_the_relevant_first():
    pytest.importorskip("sklearn", reason="training needs scikit-learn (requirements.lock)")
    rng = np.random.default_rng(0)
    needs = []
    for i in range(20):
        x = np.zeros((6, len(features.NAMES)))
        x[:, features.NAMES.index("mutual")] = rng.random(6)
        x[0, features.NAMES.index("mutual")] = 1.0 + rng.random()  # the relevant one fits best
        ids = [f"a{i}-{j}" for j in range(6)]
        needs.append(train.Need("tiny", f"n{i}", ids, x, {ids[0]: 2}, ids[::-1]))
    model = train.fit(needs, train.Config("mutual", ("mutual",)))
    assert model["coef"][0] > 0
    assert all(train.ranked(model, n)[0][0] == n.ids[0] for n in needs)


def test_a_two_headed_model_puts_what_solves_the_need_before_what_is_merely_relevant():
    # Both candidates are as likely relevant; only the second is likely to solve the need.
    data = model_dict({"mutual": 0.0, "industry": 0.0}, intercept=2.0, platt=(2.0, -3.0))
    data |= {"coef2": [0.0, 4.0], "intercept2": -2.0}
    model = ranker.from_dict(data)
    x = np.array([row(mutual=1.0, industry=0.0), row(mutual=1.0, industry=1.0)])
    merely, solves = model.logit(x)
    assert solves > merely
    expected = 1 / (1 + np.exp(-2.0)) + 2 / (1 + np.exp(-2.0))
    assert solves == pytest.approx(expected)
    low, high = model.probability(x)
    assert 0 < low < high < 1  # the calibrated percentage falls down the list too


def test_training_the_expected_gain_ranks_the_solving_candidate_first():
    pytest.importorskip("sklearn", reason="training needs scikit-learn (requirements.lock)")
    rng = np.random.default_rng(1)
    mutual, industry = features.NAMES.index("mutual"), features.NAMES.index("industry")
    needs = []
    for i in range(30):
        x = np.zeros((6, len(features.NAMES)))
        x[:, mutual] = rng.random(6) * 0.5
        x[:2, mutual] = 0.9 + 0.1 * rng.random(2)  # both near the need...
        x[0, industry] = 1.0  # ...the first also of its industry, and it solves the need
        ids = [f"a{i}-{j}" for j in range(6)]
        grades = {ids[0]: 2, ids[1]: 1}
        needs.append(train.Need("tiny", f"n{i}", ids, x, grades, ids[::-1]))
    config = train.Config("eg", ("mutual", "industry"), None, loss="expected_gain")
    model = train.fit(needs, config)
    assert model["c"] in train.C_GRID  # chosen by inner cross-validation
    assert all(train.ranked(model, n)[0][0] == n.ids[0] for n in needs)
    a, b, _ = model["beta"]  # two heads are calibrated by beta calibration, rising with s
    assert a >= 0 and b >= 0 and a + b > 0


def test_a_two_headed_models_percentage_rises_with_its_score_and_bends_at_both_ends():
    # Both heads read one feature h with weight 1, so s = 3 sigmoid(h): h = logit(u) gives s = 3u.
    data = model_dict({"mutual": 1.0}) | {"coef2": [1.0], "intercept2": 0.0}
    beta = ranker.from_dict(data | {"beta": [1.0, 0.5, 1.0]})
    platt = ranker.from_dict(data)
    u = np.linspace(0.01, 0.99, 50)
    x = np.array([row(mutual=h) for h in np.log(u / (1 - u))])
    assert np.allclose(beta.logit(x), 3 * u)
    calibrated = beta.probability(x)
    assert np.allclose(calibrated, 1 / (1 + np.exp(-(np.log(u) - 0.5 * np.log1p(-u) + 1.0))))
    assert np.all(np.diff(calibrated) > 0) and 0 < calibrated.min() < calibrated.max() < 1
    assert not np.allclose(calibrated, platt.probability(x))
