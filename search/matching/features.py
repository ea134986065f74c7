"""Features of each (source, candidate) pair, for the learned ranker (ranker/).

Candidates come from three retrievers run in one msearch and fused (a union, so the top 10 can
hold whatever plain character BM25 would have put there):
  fwd   the matcher's query: characters, requirement sentences counted twice, same industry
  char  plain BM25 over single characters (the baseline the matcher must never fall below)
  word  BM25 over jieba words
For every candidate each retriever gives its score relative to its best hit and a reciprocal
rank (0 when that retriever did not return it). Then mutual fit (mutual.py), the industry, the
compatibility facts (compat.py), the published 五元 score and the listing quality score.

Everything is computed once per match over at most a few dozen candidates: one numpy matrix,
which the ranker scores with a single dot product.
"""

import re

import numpy as np

from . import compat, mutual

RETRIEVERS = ("fwd", "char", "word")
NAMES = [
    *(f"{r}_{what}" for r in RETRIEVERS for what in ("rel", "rr")),
    "rrf",
    "mutual",
    "industry",
    "budget_covers",
    "over_budget",
    "mode_fit",
    "mode_clash",
    "licensable",
    "maturity",
    "maturity_fit",
    "evaluation",
    "quality",
    "formula",
]
RRF_K = 60  # reciprocal rank fusion's usual constant
MATURITY_LEVEL = {"lab": 0.25, "pilot": 0.6, "small_batch": 0.85, "industrialized": 1.0}
# A need that asks for something ready to use ("成熟", "现成", "直接上线"...), whose fit grows with
# the achievement's maturity; other needs are neutral (0).
ASKS_MATURE = re.compile(r"成熟|现成|拿来就用|直接用|直接上|量产|产业化|稳定运行|已有应用|案例")


def asks_mature(body: str) -> float:
    return 1.0 if ASKS_MATURE.search(body or "") else 0.0


def fuse(responses: dict[str, list[dict]]) -> tuple[list[dict], dict[str, dict[str, tuple]]]:
    """The union of the retrievers' hits (first seen first) and, per retriever, each hit id's
    (relative score, rank)."""
    seen: dict[str, dict] = {}
    positions: dict[str, dict[str, tuple]] = {}
    for name in RETRIEVERS:
        hits = responses.get(name) or []
        top = (hits[0]["_score"] if hits else 0.0) or 1.0
        positions[name] = {
            hit["_id"]: ((hit["_score"] or 0.0) / top, rank) for rank, hit in enumerate(hits)
        }
        for hit in hits:
            seen.setdefault(hit["_id"], hit)
    return list(seen.values()), positions


def matrix(
    source_listing,
    source_body: str,
    source_chars: list[str],
    candidates: list[dict],
    positions: dict[str, dict[str, tuple]],
    peers: list[dict],
    formula,
) -> np.ndarray:
    """One row of NAMES per candidate. formula(relative, fit, evaluation) is the hand-set score
    the matcher used before the ranker (a feature too, and the fallback)."""
    docs = [hit["_source"].get("body_c", "").split() for hit in candidates]
    peer_docs = [peer["_source"].get("body_c", "").split() for peer in peers]
    fits = mutual.fit(docs, source_chars, peer_docs)
    industry = getattr(getattr(source_listing, "industry", None), "code", None)
    wants_mature = asks_mature(source_body)
    signals = compat.against(source_listing)
    rows = []
    for hit, fit in zip(candidates, fits, strict=True):
        src = hit["_source"]
        row = []
        rrf = 0.0
        for name in RETRIEVERS:
            rel, rank = positions[name].get(hit["_id"], (0.0, None))
            row += [rel, 0.0 if rank is None else 1.0 / (rank + 1)]
            rrf += 0.0 if rank is None else RRF_K / (RRF_K + rank)
        facts = signals(src)
        level = MATURITY_LEVEL.get(facts["maturity"] or "", 0.0)
        evaluation = (src.get("evaluation_overall") or 0) / 100
        fwd_rel = positions["fwd"].get(hit["_id"], (0.0, None))[0]
        row += [
            rrf / len(RETRIEVERS),
            fit,
            1.0 if industry and src.get("industry") == industry else 0.0,
            1.0 if facts["budget_covers"] is True else 0.0,
            1.0 if facts["budget_covers"] is False else 0.0,
            1.0 if facts["mode_fit"] is True else 0.0,
            1.0 if facts["mode_fit"] is False else 0.0,
            1.0 if facts["licensable"] else 0.0,
            level,
            level * wants_mature,
            evaluation,
            (src.get("quality_score") or 0) / 100,
            formula(fwd_rel, fit, src.get("evaluation_overall")),
        ]
        rows.append(row)
    return np.array(rows, dtype=float).reshape(len(candidates), len(NAMES))
