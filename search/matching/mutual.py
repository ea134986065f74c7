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


def fit(candidates: list[list[str]], source: list[str], peers: list[list[str]]) -> list[float]:
    """For each candidate (a list of tokens): its BM25 score of the source divided by its best
    score over the source and its peers, in [0, 1]."""
    if not candidates:
        return []
    docs = [source, *peers]
    vocabulary: dict[str, int] = {}
    terms = [vocabulary.setdefault(t, len(vocabulary)) for doc in docs for t in doc]
    columns = np.repeat(np.arange(len(docs)), [len(doc) for doc in docs])
    # Term frequencies of every document (columns), saturated as BM25 weights them.
    tf = _counts(np.array(terms, dtype=int) * len(docs) + columns, len(vocabulary), len(docs))
    lengths = np.array([len(doc) for doc in docs], dtype=float)
    norm = K1 * (1 - B + B * lengths / (lengths.mean() or 1.0))
    idfs = np.array([idf(t) for t in vocabulary])[:, None]
    weights = idfs * tf * (K1 + 1) / (tf + norm)
    # Each candidate as a query: how often it says each term (repeated terms count again);
    # terms no document has score nothing.
    width = len(vocabulary)
    cells = [
        i * width + term
        for i, candidate in enumerate(candidates)
        for t in candidate
        if (term := vocabulary.get(t, -1)) >= 0
    ]
    queries = _counts(np.array(cells, dtype=int), len(candidates), width)
    scores = queries @ weights
    best = scores.max(axis=1)
    return [float(s / b) if b > 0 else 0.0 for s, b in zip(scores[:, 0], best, strict=True)]


def _counts(cells: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """A rows x columns matrix of how often each cell is named (cells are flat indices): the
    counting is done by numpy, not by a Python loop per term."""
    return np.bincount(cells, minlength=rows * columns).reshape(rows, columns).astype(float)
