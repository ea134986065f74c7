"""The learned ranker: logistic regressions over features.NAMES, stored as JSON (model.json).

Scoring is a dot product or two: z = (x - mean) / scale, then
  one head   s = coef . z + intercept
  two heads  s = P(relevant) + 2 P(solves), each P = sigmoid(coef . z + intercept): the pair's
             expected nDCG gain (2^grade - 1), so what solves a need comes before what is merely
             relevant to it, and what is relevant before the rest;
and p, the probability that the pair is relevant (graded 1 or 2 in the labelled sets), a
calibration of s fitted on cross-validated outputs:
  one head   Platt            p = sigmoid(a s + b)
  two heads  beta calibration p = sigmoid(a ln u - b ln(1 - u) + c), u = s / 3 (s lies in 0..3);
             a, b >= 0, so p rises with s. Platt's one slope made a two-headed model's scores
             of 0.2-0.5 under-confident (64% of them relevant) and of 0.8-1 over-confident
             (84%); beta calibration bends at both ends (bench/matching_quality --cv prints the
             reliability table).
Either way p is monotone in s: the percentage shown falls down the list. Loading needs no
scikit-learn; training (train.py, `manage.py train_ranker`) does.

Without a model file the matcher falls back to its hand-set formula (engine._score).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

from .. import features

DEFAULT_PATH = Path(__file__).resolve().parent / "model.json"
TWO_HEADS_RANGE = 3.0  # s = P(relevant) + 2 P(solves) lies in 0..3


@dataclass(frozen=True)
class Model:
    version: str
    names: tuple[str, ...]
    columns: np.ndarray  # where each of names is in features.NAMES
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    platt: tuple[float, float]
    match_threshold: float  # below: not called a match
    strong_threshold: float  # at or above: a strong match (worth a notification)
    # The second head, P(solves) (two heads), or None (one head)
    coef2: np.ndarray | None = None
    intercept2: float = 0.0
    beta: tuple[float, float, float] | None = None  # (a, b, c): beta calibration, not Platt

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The ranking score s (see above)."""
        z = (x[:, self.columns] - self.mean) / self.scale
        first = z @ self.coef + self.intercept
        if self.coef2 is None:
            return first
        second = z @ self.coef2 + self.intercept2
        return _sigmoid(first) + 2.0 * _sigmoid(second)

    def probability(self, x: np.ndarray) -> np.ndarray:
        s = self.logit(x)
        if self.beta is None:
            a, b = self.platt
            return _sigmoid(a * s + b)
        a, b, c = self.beta
        u = np.clip(s / TWO_HEADS_RANGE, 1e-12, 1 - 1e-12)
        return _sigmoid(a * np.log(u) - b * np.log1p(-u) + c)


def _sigmoid(t: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-t))


def path() -> Path:
    return Path(getattr(settings, "SEARCH_RANKER_MODEL", None) or DEFAULT_PATH)


def current() -> Model | None:
    """The model in use, or None (no file: the hand-set formula ranks)."""
    where = path()
    try:
        stamp = where.stat().st_mtime_ns
    except OSError:
        return None
    return _load(str(where), stamp)


@cache
def _load(where: str, stamp: int) -> Model:
    return from_dict(json.loads(Path(where).read_text(encoding="utf-8")))


def from_dict(data: dict) -> Model:
    names = tuple(data["features"])
    return Model(
        version=data["version"],
        names=names,
        columns=np.array([features.NAMES.index(n) for n in names], dtype=int),
        mean=np.array(data["mean"], dtype=float),
        scale=np.array(data["scale"], dtype=float),
        coef=np.array(data["coef"], dtype=float),
        intercept=float(data["intercept"]),
        platt=tuple(data.get("platt", (1.0, 0.0))),
        match_threshold=float(data["thresholds"]["match"]),
        strong_threshold=float(data["thresholds"]["strong"]),
        coef2=np.array(data["coef2"], dtype=float) if data.get("coef2") is not None else None,
        intercept2=float(data.get("intercept2") or 0.0),
        beta=tuple(data["beta"]) if data.get("beta") else None,
    )
