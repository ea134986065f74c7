"""Chinese text analysis done in Python (the Elasticsearch here has no CJK analyzers).

Every analysed field is stored as space-separated tokens and indexed with the whitespace
analyzer; queries go through exactly the same functions, so index and query always agree.
Two views of a text are kept: jieba words (precise, good for explanations) and CJK character
bigrams plus single characters (robust to segmentation differences between trade language and
technical language).
"""

import re
import threading
from functools import cache, lru_cache
from pathlib import Path

import jieba
import jieba.analyse

DATA_DIR = Path(__file__).resolve().parent / "data"
_LOCK = threading.Lock()
_READY = False

_CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[a-z0-9][a-z0-9.+\-]*[a-z0-9+]|[a-z0-9]")
_TOKEN_OK = re.compile(r"[\u4e00-\u9fffa-z0-9]")
_TERM_ASCII = re.compile(r"[a-z][a-z0-9.+\-]+")


@cache
def stopwords() -> frozenset[str]:
    path = DATA_DIR / "stopwords.txt"
    return frozenset(
        line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    )


def _ensure_jieba() -> None:
    """Load the domain dictionary once per process (jieba is lazy and not thread-safe at init)."""
    global _READY
    if _READY:
        return
    with _LOCK:
        if not _READY:
            jieba.setLogLevel(60)
            jieba.load_userdict(str(DATA_DIR / "tech_terms.txt"))
            jieba.initialize()
            jieba.analyse.set_stop_words(str(DATA_DIR / "stopwords.txt"))
            _READY = True


# Full-width ASCII (U+FF01..FF5E) and the ideographic space to their half-width forms.
FULL_WIDTH_FIRST, FULL_WIDTH_LAST, FULL_WIDTH_SHIFT = 0xFF01, 0xFF5E, 0xFEE0
IDEOGRAPHIC_SPACE = 0x3000
_HALF_WIDTH = {IDEOGRAPHIC_SPACE: 0x20} | {
    code: code - FULL_WIDTH_SHIFT for code in range(FULL_WIDTH_FIRST, FULL_WIDTH_LAST + 1)
}


def normalize(text: str) -> str:
    """Full-width to half-width, lower case: 'ＰＶＣ' and 'pvc' are the same token."""
    return (text or "").translate(_HALF_WIDTH).lower()


def segment(text: str) -> list[str]:
    """One jieba pass (precise mode) over the normalised text; the other views derive from it."""
    _ensure_jieba()
    return [t for t in (tok.strip() for tok in jieba.cut(normalize(text))) if t]


def _kept(token: str, stop: frozenset[str]) -> bool:
    return bool(_TOKEN_OK.search(token)) and token not in stop and not _CJK.fullmatch(token)


def search_words(tokens: list[str]) -> list[str]:
    """Search-mode words: long words also yield the dictionary words inside them (what jieba's
    cut_for_search does, without segmenting the text again)."""
    _ensure_jieba()  # the expansions are cached: they must see the final dictionary
    out: list[str] = []
    for token in tokens:
        out.extend(_search_expansion(token))
    return out


@lru_cache(maxsize=200_000)
def _search_expansion(token: str) -> tuple[str, ...]:
    """One token's search words, without stopwords or single characters. Cached: the same
    words recur across listings and queries (eight times faster on the speed bench's texts)."""
    freq = jieba.dt.FREQ
    stop = stopwords()
    out = []
    for size in (2, 3):
        if len(token) > size:
            out.extend(
                token[i : i + size]
                for i in range(len(token) - size + 1)
                if freq.get(token[i : i + size])
            )
    out.append(token)
    return tuple(t for t in out if _kept(t, stop))


def words(text: str) -> list[str]:
    """jieba words in search mode, without stopwords or single characters."""
    return search_words(segment(text))


def precise_words(text: str) -> list[str]:
    """jieba words in precise mode, without stopwords or single characters."""
    stop = stopwords()
    return [t for t in segment(text) if _kept(t, stop)]


def grams(text: str) -> list[str]:
    """CJK character bigrams within each run of Chinese, plus ASCII words (models, units)."""
    text = normalize(text)
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(ASCII_WORD.findall(text))
    return out


def chars(text: str) -> list[str]:
    """Single CJK characters plus ASCII words."""
    text = normalize(text)
    return _CJK.findall(text) + ASCII_WORD.findall(text)


def key_terms(text: str, *, top: int = 20) -> list[tuple[str, float]]:
    return key_terms_of(segment(text), top=top)


def key_terms_of(tokens: list[str], *, top: int = 20) -> list[tuple[str, float]]:
    """The key terms by TF-IDF with jieba's IDF table (what jieba.analyse.extract_tags computes,
    from tokens already segmented), with weights."""
    _ensure_jieba()
    stop = stopwords()
    tfidf = jieba.analyse.default_tfidf
    counts: dict[str, int] = {}
    for t in tokens:
        if len(t) >= 2 and t not in stop and (_CJK.search(t) or _TERM_ASCII.fullmatch(t)):
            counts[t] = counts.get(t, 0) + 1
    total = sum(counts.values()) or 1
    weighted = [(t, n * tfidf.idf_freq.get(t, tfidf.median_idf) / total) for t, n in counts.items()]
    return sorted(weighted, key=lambda tw: -tw[1])[:top]


def joined(tokens: list[str]) -> str:
    return " ".join(tokens)


def analyse(title: str, keywords: list[str], body: str) -> dict[str, object]:
    """A listing's analysed index fields (see search/documents.py for what each one is)."""
    # jieba segments each run of characters between spaces on its own, so the full text's
    # tokens are its parts' tokens: each part is segmented once (the slowest step of indexing).
    title_tokens, keyword_tokens = segment(title), segment(" ".join(keywords))
    tokens = title_tokens + keyword_tokens + segment(body)
    full = " ".join([title, " ".join(keywords), body])
    return {
        "title_w": joined(search_words(title_tokens)),
        "title_g": joined(grams(title)),
        "keywords_w": joined(search_words(keyword_tokens)),
        "body_w": joined(search_words(tokens)),
        "body_g": joined(grams(full)),
        "body_c": joined(chars(full)),
        "key_terms": [t for t, _ in key_terms_of(tokens, top=15)],
        "suggest": list(dict.fromkeys([title, *keywords]))[:20],
    }
