"""The learned ranker: a logistic regression over features.NAMES, stored as JSON (model.json).

Scoring is a dot product: z = (x - mean) / scale, p = sigmoid(a * (coef . z + intercept) + b),
where (a, b) is a Platt calibration fitted on cross-validated outputs, so p is the probability
that the pair is relevant (graded 1 or 2 in the labelled sets). Loading needs no scikit-learn;
training (train.py, `manage.py train_ranker`) does.

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

    def logit(self, x: np.ndarray) -> np.ndarray:
        z = (x[:, self.columns] - self.mean) / self.scale
        return z @ self.coef + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.logit(x) + b)))


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
    )
