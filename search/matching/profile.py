"""A listing's text profile: what a matcher compares, each view computed once, when first used."""

from dataclasses import dataclass
from functools import cache, cached_property

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

    @cached_property
    def full_text(self) -> str:
        return " ".join([self.title, " ".join(self.keywords), self.body])

    @cached_property
    def chars(self) -> list[str]:
        """What retrieval and mutual fit compare (see engine.py)."""
        return text.chars(self.full_text)

    @cached_property
    def tokens(self) -> list[str]:
        """One jieba pass, only made when reasons are asked for."""
        return text.segment(self.full_text)

    @cached_property
    def words(self) -> set[str]:
        """What explanations cite."""
        return set(text.search_words(self.tokens))

    @cached_property
    def key_terms(self) -> list[tuple[str, float]]:
        return text.key_terms_of(self.tokens, top=20)

    @cached_property
    def citable_terms(self) -> list[str]:
        """Words an explanation may cite, most informative first: sorted once per listing, not
        once per match."""
        source_text = text.normalize(self.full_text)
        terms = self.words | {t for t, _ in self.key_terms}
        return sorted(
            (t for t in terms if len(t) >= 2 and not t.isdigit() and t in source_text),
            key=lambda t: (-weight(t), t),
        )

    def use_indexed(self, source: dict) -> None:
        """Take words and key terms from the listing's own index document (segmented with the
        same functions when it was indexed) instead of segmenting again."""
        self.__dict__["words"] = set(source.get("body_w", "").split())
        self.__dict__["key_terms"] = [(t, 1.0) for t in source.get("key_terms") or []]


def build(title: str, keywords: list[str], body: str) -> Profile:
    return Profile(title=title, keywords=list(keywords), body=body)


def weight(term: str) -> float:
    """Information weight of a word: rarer and longer words say more about a listing."""
    return idf(term) * (1.0 + 0.15 * min(len(term), 6))
