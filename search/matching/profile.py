"""A listing's text profile: the terms a matcher compares, computed once per listing."""

import math
from dataclasses import dataclass, field
from functools import cache

import jieba

from .. import text


@cache
def _idf_table() -> tuple[dict[str, float], float]:
    text._ensure_jieba()
    idf = jieba.analyse.default_tfidf.idf_freq
    median = jieba.analyse.default_tfidf.median_idf
    return idf, median


def idf(term: str) -> float:
    table, median = _idf_table()
    return table.get(term, median)


@dataclass
class Profile:
    title: str
    keywords: list[str]
    body: str
    words: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)
    grams: set[str] = field(default_factory=set)
    key_terms: list[tuple[str, float]] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return " ".join([self.title, " ".join(self.keywords), self.body])


def build(title: str, keywords: list[str], body: str, *, top: int = 20) -> Profile:
    p = Profile(title=title, keywords=list(keywords), body=body)
    full = p.full_text
    p.words = set(text.words(full))
    p.title_words = set(text.words(" ".join([title, *keywords])))
    p.grams = set(text.grams(full))
    p.key_terms = text.key_terms(full, top=top)
    return p


def from_source(source: dict) -> Profile:
    """Profile of an indexed document, from its stored segmented fields (no re-segmenting)."""
    p = Profile(
        title=source.get("title", ""),
        keywords=list(source.get("keywords") or []),
        body=source.get("summary", ""),
    )
    p.words = set(source.get("body_w", "").split())
    p.title_words = set(source.get("title_w", "").split()) | set(
        source.get("keywords_w", "").split()
    )
    p.grams = set(source.get("body_g", "").split())
    p.key_terms = [(t, 1.0) for t in source.get("key_terms") or []]
    return p


def weight(term: str) -> float:
    """Information weight of a word: rarer and longer words say more about a listing."""
    return idf(term) * (1.0 + 0.15 * min(len(term), 6))


def log1p(x: float) -> float:
    return math.log1p(max(x, 0.0))
