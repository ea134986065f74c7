"""Generic words: said in listings of almost every industry, so sharing one says nothing about a
match (技术, 生产, 系统, 提高...). Measured from the listings by `manage.py measure_generic_words`
into data/generic_words.txt, never hand-picked; explanations never cite them (matching/explain.py).
"""

from collections import Counter
from collections.abc import Iterable
from functools import cache

from . import text

PATH = text.DATA_DIR / "generic_words.txt"
# A word is generic when listings of at least this share of the industries say it...
MIN_INDUSTRY_SHARE = 0.9
# ...and at least this share of all listings do (a rare word spread thinly is still specific).
MIN_DOCUMENT_SHARE = 0.05


def measure(
    listings: Iterable[tuple[str, str]],
    *,
    min_industry_share: float = MIN_INDUSTRY_SHARE,
    min_document_share: float = MIN_DOCUMENT_SHARE,
) -> list[tuple[str, int, int]]:
    """listings: (industry code, text). Returns (word, industries, documents) of the generic
    words, the most widespread first."""
    documents: Counter[str] = Counter()
    industries: dict[str, set[str]] = {}
    seen_industries: set[str] = set()
    total = 0
    for industry, body in listings:
        total += 1
        seen_industries.add(industry)
        for word in set(text.words(body)):
            documents[word] += 1
            industries.setdefault(word, set()).add(industry)
    need_industries = min_industry_share * len(seen_industries)
    need_documents = min_document_share * total
    out = [
        (word, len(industries[word]), n)
        for word, n in documents.items()
        if len(industries[word]) >= need_industries and n >= need_documents
    ]
    return sorted(out, key=lambda row: (-row[1], -row[2], row[0]))


def write(rows: list[tuple[str, int, int]], *, listings: int, industries: int) -> None:
    header = [
        "# Generic words, measured by `manage.py measure_generic_words` (search/generic.py) over",
        f"# {listings} listings of {industries} industries: said in listings of at least"
        f" {MIN_INDUSTRY_SHARE:.0%} of the industries and {MIN_DOCUMENT_SHARE:.0%} of all.",
        "# word<TAB>industries<TAB>listings",
    ]
    lines = [f"{word}\t{i}\t{n}" for word, i, n in rows]
    PATH.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    words.cache_clear()


@cache
def words() -> frozenset[str]:
    if not PATH.is_file():
        return frozenset()
    lines = PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def is_generic(term: str) -> bool:
    return term in words()
