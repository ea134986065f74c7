"""Training and cross-validation of the ranker (needs scikit-learn; scoring does not).

A need's candidates and features come from dataset.rows_for. Labels: a pair graded 1 or 2 is
relevant; grade 2 pairs weigh GRADE2_WEIGHT times more, so the ranker also learns what
solves a need rather than what is merely near it. Dismissed pairs (match feedback) are added as
irrelevant ones.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from bench.matching_quality import metrics

from .. import features
from . import from_dict

MATCH_THRESHOLD = 0.5  # a calibrated probability: more likely relevant than not
STRONG_THRESHOLD = 0.8  # about four in five such pairs are relevant: worth a notification


@dataclass
class Need:
    set_name: str
    key: str
    ids: list[str]
    x: np.ndarray
    grades: dict[str, int]
    char: list[str]  # plain character BM25's order (the baseline)
    dismissed: set[str] = field(default_factory=set)

    def labels(self) -> np.ndarray:
        return np.array([self.grades.get(i, 0) for i in self.ids], dtype=int)


@dataclass(frozen=True)
class Config:
    name: str
    features: tuple[str, ...] = tuple(features.NAMES)
    c: float = 1.0
    grade2_weight: float = 2.0


def needs_of(set_name: str, collected: dict, qrels: dict) -> list[Need]:
    return [
        Need(
            set_name=set_name,
            key=key,
            ids=row["ids"],
            x=np.array(row["x"], dtype=float).reshape(len(row["ids"]), len(features.NAMES)),
            grades=qrels.get(key, {}),
            char=row["char"],
            dismissed=set(row.get("dismissed") or ()),
        )
        for key, row in collected.items()
        if key in qrels or row.get("dismissed")
    ]


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
    columns = [features.NAMES.index(n) for n in config.features]
    xs, ys, ws, groups = [], [], [], []
    for g, need in enumerate(needs):
        grades = need.labels()
        keep = np.ones(len(grades), dtype=bool)
        if need.dismissed:
            dismissed = np.isin(need.ids, list(need.dismissed))
            grades = np.where(dismissed, 0, grades)
            if not need.grades:  # feedback only: the other candidates are unlabelled
                keep = dismissed
        grades = grades[keep]
        xs.append(need.x[keep][:, columns])
        ys.append((grades >= 1).astype(int))
        ws.append(np.where(grades >= 2, config.grade2_weight, 1.0))
        groups.append(np.full(len(grades), g))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws), np.concatenate(groups)


def _logistic(x, y, w, c):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - scaler.mean_) / scale, y, w)
    return scaler.mean_, scale, lr.coef_[0], float(lr.intercept_[0])


def fit(needs: list[Need], config: Config, *, calibrate: bool = True, seed: int = 0) -> dict:
    """A model dict (the model.json format). Platt calibration is fitted on out-of-fold logits
    (the needs split in 5), so the probability is not the training fit's overconfidence."""
    x, y, w, groups = _stack(needs, config)
    mean, scale, coef, intercept = _logistic(x, y, w, config.c)
    model = {
        "version": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        "config": config.name,
        "features": list(config.features),
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": coef.tolist(),
        "intercept": intercept,
        "platt": [1.0, 0.0],
        "thresholds": {"match": MATCH_THRESHOLD, "strong": STRONG_THRESHOLD},
    }
    if calibrate:
        model["platt"] = _platt(needs, config, seed)
    return model


def _platt(needs, config, seed) -> list[float]:
    from sklearn.linear_model import LogisticRegression

    assignment = folds(needs, 5, seed)
    logits, labels = [], []
    for f in range(5):
        train = [n for n, a in zip(needs, assignment, strict=True) if a != f]
        test = [n for n, a in zip(needs, assignment, strict=True) if a == f]
        if not train or not test:
            continue
        model = from_dict(fit(train, config, calibrate=False))
        x, y, _, _ = _stack(test, config)
        full = np.zeros((len(x), len(features.NAMES)))
        full[:, [features.NAMES.index(n) for n in config.features]] = x
        logits.append(model.logit(full))
        labels.append(y)
    platt = LogisticRegression(C=1e6).fit(np.concatenate(logits)[:, None], np.concatenate(labels))
    return [float(platt.coef_[0][0]), float(platt.intercept_[0])]


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
