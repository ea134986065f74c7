"""Mutual fit: does the candidate, asked the other way round, also prefer the source listing?

Forward retrieval asks "which achievements share this need's characters?". Achievements written in
common words score well against every need, so they crowd the top of many lists. The reverse
question fixes that: with the candidate's text as the query, how does the source listing score
against its closest peers (listings of its own kind that resemble it)? A candidate that fits the
source better than anything similar to it gets 1.0; one that fits a peer better gets less.

Scored in Python with BM25 over single characters (the same k1 and b as the index's "chars"
similarity) and a fixed character IDF derived from jieba's general dictionary, so the score needs
no corpus statistics and costs no extra round trip beyond fetching the peers.
"""

import math
import os
from collections import Counter
from functools import cache

import jieba
import numpy as np

from . import codes

K1 = 0.4
B = 0.5


@cache
def _char_idf() -> tuple[dict[str, float], float]:
    """A character's IDF, taking the words of jieba's dictionary as the documents."""
    counts: Counter[str] = Counter()
    total = 0
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    with open(path, encoding="utf-8") as dictionary:
        for line in dictionary:
            total += 1
            counts.update(set(line.split(" ", 1)[0]))
    idf = {ch: math.log(1 + (total - n + 0.5) / (n + 0.5)) for ch, n in counts.items()}
    return idf, math.log(1 + total / 1.5)  # a token the dictionary never saw is as rare as it gets


def idf(token: str) -> float:
    table, unseen = _char_idf()
    return table.get(token, unseen)


@cache
def _block_idf() -> np.ndarray:
    """idf of every character of the CJK block, by its code (codes.py)."""
    return np.array([idf(chr(codes.FIRST + c)) for c in range(codes.SPAN)])


def _idfs(vocabulary: np.ndarray, numbers: dict[str, int]) -> np.ndarray:
    chars = vocabulary < codes.SPAN
    out = np.empty(len(vocabulary))
    out[chars] = _block_idf()[vocabulary[chars]]
    words = {codes.WORDS + n: w for w, n in numbers.items()}
    out[~chars] = [idf(words[int(c)]) for c in vocabulary[~chars]]
    return out


def fit(candidates: list[str], source: str, peers: list[str]) -> list[float]:
    """For each candidate: its BM25 score of the source divided by its best score over the
    source and its peers, in [0, 1]. Every text is its tokens joined by spaces (the index's
    body_c). Tokens are counted as integer codes by numpy (codes.py), not one by one in Python:
    this runs for every candidate of every match."""
    if not candidates:
        return []
    docs = [source, *peers]
    numbers: dict[str, int] = {}
    owner, code = codes.token_codes(docs, numbers)
    vocabulary, term = np.unique(code, return_inverse=True)
    width = len(vocabulary)
    # Term frequencies of every document (columns), saturated as BM25 weights them.
    tf = _counts(term * len(docs) + owner, width, len(docs))
    lengths = np.bincount(owner, minlength=len(docs)).astype(float)
    norm = K1 * (1 - B + B * lengths / (lengths.mean() or 1.0))
    weights = _idfs(vocabulary, numbers)[:, None] * tf * (K1 + 1) / (tf + norm)
    # Each candidate as a query: how often it says each term (repeated terms count again);
    # terms no document has score nothing.
    owner, code = codes.token_codes(candidates, numbers)
    known = codes.isin(code, vocabulary)
    cells = owner[known] * width + np.searchsorted(vocabulary, code[known])
    scores = _counts(cells, len(candidates), width) @ weights
    best = scores.max(axis=1)
    return [float(s / b) if b > 0 else 0.0 for s, b in zip(scores[:, 0], best, strict=True)]


def _counts(cells: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """A rows x columns matrix of how often each cell is named (cells are flat indices): the
    counting is done by numpy, not by a Python loop per term."""
    return np.bincount(cells, minlength=rows * columns).reshape(rows, columns).astype(float)
