"""Training and cross-validation of the ranker (needs scikit-learn; scoring does not).

A need's candidates and features come from dataset.rows_for. Labels: the labelled sets' grades
(2 solves the need, 1 clearly relevant, unlisted 0) and implicit ones (search.feedback:
dismissed 0, marked 相关 or engaged 1, signed 2). Losses (Config.loss):
  pointwise      one logistic regression: is the pair relevant (grade >= 1)? grade 2 pairs
                 weigh grade2_weight times more;
  expected_gain  two: P(grade >= 1) and P(grade = 2), ranked by P(>=1) + 2 P(=2), the expected
                 nDCG gain; the first keeps what is relevant in the top 10, the second puts what
                 solves the need first;
  pairwise       one, RankSVM-style: on feature differences of two candidates of one need, is
                 the better graded one scored higher (weighted by the gain difference)?
A calibration fitted on out-of-fold scores (Platt for one head, beta calibration for two: see
ranker/__init__.py) turns any of them into the probability of relevance. A need with implicit
labels only trains on its labelled candidates (the others are unknown, not irrelevant).
Config.c None: the regularisation strength is chosen by cross-validation on the training needs
only (inner folds), never on the needs scored.
"""

import math
import random
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from bench.matching_quality import metrics

from .. import features
from . import TWO_HEADS_RANGE, from_dict

MATCH_THRESHOLD = 0.5  # a calibrated probability: more likely relevant than not
STRONG_THRESHOLD = 0.8  # nine in ten such pairs were relevant (held out): worth a notification


@dataclass
class Need:
    set_name: str
    key: str
    ids: list[str]
    x: np.ndarray
    grades: dict[str, int]
    char: list[str]  # plain character BM25's order (the baseline)
    implicit: dict[str, int] = field(default_factory=dict)  # what people did (search.feedback)

    def labels(self) -> tuple[np.ndarray, np.ndarray]:
        """(grade of every candidate, which candidates are labelled): an implicit label wins
        over the set's; without set grades only implicitly labelled candidates are known."""
        grades = {**self.grades, **self.implicit}
        known = np.array([bool(self.grades) or i in self.implicit for i in self.ids], dtype=bool)
        return np.array([grades.get(i, 0) for i in self.ids], dtype=int), known


@dataclass(frozen=True)
class Config:
    name: str
    features: tuple[str, ...] = tuple(features.NAMES)
    c: float | None = 1.0  # None: chosen by inner cross-validation (C_GRID)
    grade2_weight: float = 2.0
    loss: str = "pointwise"  # | "expected_gain" | "pairwise"


C_GRID = (0.1, 1.0, 10.0)


def needs_of(set_name: str, collected: dict, qrels: dict) -> list[Need]:
    return [
        Need(
            set_name=set_name,
            key=key,
            ids=row["ids"],
            x=np.array(row["x"], dtype=float).reshape(len(row["ids"]), len(features.NAMES)),
            grades=qrels.get(key, {}),
            char=row["char"],
            implicit=_implicit(row),
        )
        for key, row in collected.items()
        if key in qrels or _implicit(row)
    ]


def _implicit(row: dict) -> dict[str, int]:
    # rows written before outcomes and 相关 marks joined name their dismissed pairs only
    return dict(row.get("implicit") or {}) or dict.fromkeys(row.get("dismissed") or (), 0)


def folds(needs: list[Need], k: int, seed: int) -> list[int]:
    """A fold number per need: each set's needs shuffled (seeded) and dealt round-robin, so every
    fold holds needs of every set. A need is in exactly one fold."""
    out = [0] * len(needs)
    rng = random.Random(seed)  # noqa: S311 - a reproducible split, not a secret
    for set_name in sorted({n.set_name for n in needs}):
        members = [i for i, n in enumerate(needs) if n.set_name == set_name]
        rng.shuffle(members)
        for position, i in enumerate(members):
            out[i] = position % k
    return out


def _stack(needs: list[Need], config: Config):
    """Feature rows, relevance (grade >= 1), weights, need number and grade of every labelled
    candidate."""
    columns = [features.NAMES.index(n) for n in config.features]
    xs, ys, ws, groups, grades_ = [], [], [], [], []
    for g, need in enumerate(needs):
        grades, known = need.labels()
        grades = grades[known]
        xs.append(need.x[known][:, columns])
        ys.append((grades >= 1).astype(int))
        ws.append(np.where(grades >= 2, config.grade2_weight, 1.0))
        groups.append(np.full(len(grades), g))
        grades_.append(grades)
    return (
        np.vstack(xs),
        np.concatenate(ys),
        np.concatenate(ws),
        np.concatenate(groups),
        np.concatenate(grades_),
    )


def _logistic(z, y, w, c, *, intercept=True):
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=c, max_iter=3000, fit_intercept=intercept).fit(z, y, w)
    return lr.coef_[0], float(lr.intercept_[0]) if intercept else 0.0


def _pairs(z, grades, groups):
    """Differences of candidates of one need with different grades, both ways, weighted by the
    gain difference, every need weighing the same."""
    diffs, weights = [], []
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        better, worse = np.nonzero(grades[rows][:, None] > grades[rows][None, :])
        if len(better):
            gain = 2.0 ** grades[rows][better] - 2.0 ** grades[rows][worse]
            diffs.append(z[rows][better] - z[rows][worse])
            weights.append(gain / gain.sum())
    d, w = np.vstack(diffs), np.concatenate(weights)
    w = w / w.mean()
    return np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))], np.r_[w, w]


def fit(needs: list[Need], config: Config, *, calibrate: bool = True, seed: int = 0) -> dict:
    """A model dict (the model.json format). The calibration is fitted on out-of-fold scores
    (the needs split in 5), so the probability is not the training fit's overconfidence."""
    if config.c is None:
        config = replace(config, c=choose_c(needs, config, seed=seed))
    x, y, w, groups, grades = _stack(needs, config)
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    z = (x - mean) / scale
    model = {
        "version": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        "config": config.name,
        "loss": config.loss,
        "c": config.c,
        "features": list(config.features),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "thresholds": {"match": MATCH_THRESHOLD, "strong": STRONG_THRESHOLD},
    }
    if config.loss == "pairwise":
        coef, intercept = _logistic(*_pairs(z, grades, groups), config.c, intercept=False)
    else:
        coef, intercept = _logistic(z, y, w if config.loss == "pointwise" else None, config.c)
    model |= {"coef": coef.tolist(), "intercept": intercept}
    if config.loss == "expected_gain":
        solves = (grades >= 2).astype(int)
        coef2, intercept2 = _logistic(z, solves, None, config.c)
        model |= {"coef2": coef2.tolist(), "intercept2": intercept2}
    if calibrate:
        model |= _calibration(needs, config, seed)
    return model


def choose_c(needs: list[Need], config: Config, *, seed: int = 0, k: int = 4) -> float:
    """The C of C_GRID with the best mean nDCG@10 over k inner folds of these needs."""
    assignment = folds(needs, k, seed + 1)
    best, best_ndcg = C_GRID[0], -1.0
    for c in C_GRID:
        trial = replace(config, c=c)
        scores = []
        for f in range(k):
            train = [n for n, a in zip(needs, assignment, strict=True) if a != f]
            test = [n for n, a in zip(needs, assignment, strict=True) if a == f and n.grades]
            if not train or not test:
                continue
            model = fit(train, trial, calibrate=False)
            scores += [per_need(ranked(model, n)[0], n)["ndcg@10"] for n in test]
        if scores and sum(scores) / len(scores) > best_ndcg:
            best, best_ndcg = c, sum(scores) / len(scores)
    return best


def _calibration(needs, config, seed) -> dict:
    """{"platt": [a, b]} or, for two heads, {"beta": [a, b, c]} (ranker/__init__.py), fitted on
    the scores of each need by a model that did not train on it."""
    assignment = folds(needs, 5, seed)
    logits, labels = [], []
    for f in range(5):
        train = [n for n, a in zip(needs, assignment, strict=True) if a != f]
        test = [n for n, a in zip(needs, assignment, strict=True) if a == f]
        if not train or not test:
            continue
        model = from_dict(fit(train, config, calibrate=False))
        x, y, _, _, _ = _stack(test, config)
        full = np.zeros((len(x), len(features.NAMES)))
        full[:, [features.NAMES.index(n) for n in config.features]] = x
        logits.append(model.logit(full))
        labels.append(y)
    s, y = np.concatenate(logits), np.concatenate(labels)
    if config.loss != "expected_gain":
        a, b = _sigmoid_fit(s[:, None], y)
        return {"platt": [a[0], b]}
    u = np.clip(s / TWO_HEADS_RANGE, 1e-12, 1 - 1e-12)
    columns = np.column_stack([np.log(u), -np.log1p(-u)])
    a, c = _sigmoid_fit(columns, y)
    if min(a) < 0:  # keep p rising with s: refit without the side that would bend it back
        keep = int(np.argmax(a))
        one, c = _sigmoid_fit(columns[:, [keep]], y)
        a = [0.0, 0.0]
        a[keep] = max(one[0], 0.0)
    return {"beta": [a[0], a[1], c]}


def _sigmoid_fit(x: np.ndarray, y: np.ndarray) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, max_iter=5000).fit(x, y)
    return [float(v) for v in fitted.coef_[0]], float(fitted.intercept_[0])


def ranked(model: dict, need: Need) -> tuple[list[str], np.ndarray]:
    probability = from_dict(model).probability(need.x)
    order = np.argsort(-probability, kind="stable")
    return [need.ids[i] for i in order], probability[order]


def formula_ranked(need: Need) -> list[str]:
    """The fallback: the hand-set formula over the matcher's own retriever's candidates."""
    fwd = need.x[:, features.NAMES.index("fwd_rr")] > 0
    score = np.where(fwd, need.x[:, features.NAMES.index("formula")], -1.0)
    order = np.argsort(-score, kind="stable")
    return [need.ids[i] for i in order if fwd[i]]


def per_need(ranking: list[str], need: Need) -> dict[str, float]:
    return metrics.per_need(ranking, need.grades)


def mean(rows: list[dict]) -> dict[str, float]:
    return {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]} if rows else {}


def cross_validate(needs: list[Need], config: Config, *, k: int = 5, seed: int = 0) -> dict:
    """Held-out figures per set, and per fold each set's Recall@10 for the matcher and for
    character BM25, plus held-out (probability, label) pairs for calibration."""
    assignment = folds(needs, k, seed)
    held: dict[str, list[dict]] = {}
    base: dict[str, list[dict]] = {}
    per_fold = []
    calibration = []
    for f in range(k):
        train = [n for n, a in zip(needs, assignment, strict=True) if a != f]
        test = [n for n, a in zip(needs, assignment, strict=True) if a == f and n.grades]
        model = fit(train, config, seed=seed)
        fold = {}
        for need in test:
            ranking, probability = ranked(model, need)
            mine, theirs = per_need(ranking, need), per_need(need.char, need)
            held.setdefault(need.set_name, []).append(mine)
            base.setdefault(need.set_name, []).append(theirs)
            cell = fold.setdefault(need.set_name, {"mine": [], "char": [], "floor": 0})
            cell["mine"].append(mine["recall@10"])
            cell["char"].append(theirs["recall@10"])
            cell["floor"] += _hits(ranking, need) < _hits(need.char, need)
            labels = [1 if need.grades.get(i, 0) >= 1 else 0 for i in ranking]
            calibration += list(zip(probability.tolist(), labels, strict=True))
        per_fold.append(fold)
    return {
        "cv": {s: mean(rows) for s, rows in held.items()},
        "char": {s: mean(rows) for s, rows in base.items()},
        "folds": per_fold,
        "calibration": calibration,
    }


def _hits(ranking: list[str], need: Need) -> int:
    return sum(1 for i in ranking[:10] if need.grades.get(i, 0) >= 1)


def in_sample(needs: list[Need], model: dict | None) -> dict[str, dict]:
    rows: dict[str, list[dict]] = {}
    for need in needs:
        if not need.grades:
            continue
        ranking = ranked(model, need)[0] if model else formula_ranked(need)
        rows.setdefault(need.set_name, []).append(per_need(ranking, need))
    return {s: mean(r) for s, r in rows.items()}


def reliability(pairs: list[tuple[float, int]], bins=(0.0, 0.2, 0.5, 0.8, 1.01)) -> list[tuple]:
    """(low, high, pairs, mean probability, share relevant) per probability bin."""
    out = []
    for low, high in zip(bins, bins[1:], strict=False):
        inside = [(p, y) for p, y in pairs if low <= p < high]
        if inside:
            mean_p = sum(p for p, _ in inside) / len(inside)
            share = sum(y for _, y in inside) / len(inside)
            out.append((low, min(high, 1.0), len(inside), mean_p, share))
    return out


def log_loss(pairs: list[tuple[float, int]]) -> float:
    eps = 1e-9
    return -sum(math.log(max(p, eps)) if y else math.log(max(1 - p, eps)) for p, y in pairs) / max(
        len(pairs), 1
    )
