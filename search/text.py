"""Chinese text analysis done in Python (the Elasticsearch here has no CJK analyzers).

Every analysed field is stored as space-separated tokens and indexed with the whitespace
analyzer; queries go through exactly the same functions, so index and query always agree.
Two views of a text are kept: jieba words (precise, good for explanations) and CJK character
bigrams plus single characters (robust to segmentation differences between trade language and
technical language).
"""

import re
import threading
from functools import cache
from pathlib import Path

import jieba
import jieba.analyse

DATA_DIR = Path(__file__).resolve().parent / "data"
_LOCK = threading.Lock()
_READY = False

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASCII_WORD = re.compile(r"[a-z0-9][a-z0-9.+\-]*[a-z0-9+]|[a-z0-9]")
_TOKEN_OK = re.compile(r"[\u4e00-\u9fffa-z0-9]")


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


def normalize(text: str) -> str:
    """Full-width to half-width, lower case: 'ＰＶＣ' and 'pvc' are the same token."""
    out = []
    for ch in text or "":
        code = ord(ch)
        if code == 0x3000:
            code = 0x20
        elif 0xFF01 <= code <= 0xFF5E:
            code -= 0xFEE0
        out.append(chr(code))
    return "".join(out).lower()


def words(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """jieba words in search mode (long words also yield their shorter parts)."""
    _ensure_jieba()
    stop = stopwords()
    result = []
    for token in jieba.cut_for_search(normalize(text)):
        token = token.strip()
        if not token or not _TOKEN_OK.search(token):
            continue
        if not keep_stopwords and (token in stop or (len(token) == 1 and _CJK.match(token))):
            continue
        result.append(token)
    return result


def precise_words(text: str) -> list[str]:
    """jieba words in precise mode, without stopwords or single characters."""
    _ensure_jieba()
    stop = stopwords()
    return [
        t
        for t in (tok.strip() for tok in jieba.cut(normalize(text)))
        if t and _TOKEN_OK.search(t) and t not in stop and not (len(t) == 1 and _CJK.match(t))
    ]


def grams(text: str) -> list[str]:
    """CJK character bigrams within each run of Chinese, plus ASCII words (models, units)."""
    text = normalize(text)
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(_ASCII_WORD.findall(text))
    return out


def chars(text: str) -> list[str]:
    """Single CJK characters plus ASCII words."""
    text = normalize(text)
    return _CJK.findall(text) + _ASCII_WORD.findall(text)


def key_terms(text: str, *, top: int = 20) -> list[tuple[str, float]]:
    """The text's key terms by jieba's TF-IDF, with weights."""
    _ensure_jieba()
    stop = stopwords()
    return [
        (term, weight)
        for term, weight in jieba.analyse.extract_tags(normalize(text), topK=top, withWeight=True)
        if term not in stop and (_CJK.search(term) or re.fullmatch(r"[a-z][a-z0-9.+\-]+", term))
    ]


def joined(tokens: list[str]) -> str:
    return " ".join(tokens)
