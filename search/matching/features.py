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

import math
import re

import numpy as np

from . import codes, compat, mutual

RETRIEVERS = ("fwd", "char", "word")
# Pairwise text fit over character bigrams (text_fit): how much of what the source says, and of
# what the candidate is named for, the other one says too.
TEXT_FIT = (
    "title_cover",  # the source's title (its problem) found in the candidate
    "cand_title_cover",  # the candidate's title found in the source
    "title_title",  # the source's title found in the candidate's title and keywords
    "wish_cover",  # the source's requirement sentences (REQUIREMENT) found in the candidate
    "distinct_cover",  # the source's bigrams weighted by rarity among the candidates
    "rarest_shared",  # the rarest bigram (among the candidates) both say
    "keywords_found",  # the source's keywords found verbatim in the candidate
    "cand_keywords_found",  # the candidate's keywords found verbatim in the source
    "cand_keywords_cover",  # the candidate's keywords' bigrams found in the source
    "title_cover_rel",  # the three covers relative to the best candidate's
    "wish_cover_rel",
    "distinct_cover_rel",
)
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
    *TEXT_FIT,
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
    fits = mutual.fit(
        [hit["_source"].get("body_c", "") for hit in candidates],
        " ".join(source_chars),
        [peer["_source"].get("body_c", "") for peer in peers],
    )
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
    base = np.array(rows, dtype=float).reshape(len(candidates), len(NAMES) - len(TEXT_FIT))
    return np.hstack([base, text_fit(source_listing, source_body, candidates)])


def text_fit(source_listing, source_body: str, candidates: list[dict]) -> np.ndarray:
    """The TEXT_FIT columns. Rarity is judged among the candidates themselves (a bigram most
    candidates share tells them apart less), so no corpus statistics are needed."""
    from .engine import REQUIREMENT  # the sentences the forward query counts twice

    title = getattr(source_listing, "title", "") or ""
    keywords = [k for k in getattr(source_listing, "keywords", None) or [] if k]
    full = " ".join([title, " ".join(keywords), source_body or ""])
    texts = [full, title, " ".join(REQUIREMENT.findall(source_body or ""))]
    found = []
    said = full.lower()
    for hit in candidates:
        src = hit["_source"]
        their_keywords = [k for k in src.get("keywords") or [] if k]
        their_title = src.get("title") or ""
        whole = " ".join([their_title, " ".join(their_keywords), src.get("summary") or ""])
        texts += [whole, their_title, " ".join(their_keywords)]
        found.append(_keywords_found(keywords, whole.lower(), their_keywords, said))
    n = len(candidates)
    bigrams = _bigram_fit(*codes.gram_sets(texts), n)
    x = np.column_stack([bigrams[:, :6], np.array(found, dtype=float).reshape(n, 2), bigrams[:, 6]])
    best = np.maximum(x[:, [0, 3, 4]].max(axis=0, initial=0.0), 1e-9)
    return np.hstack([x, x[:, [0, 3, 4]] / best])


def _keywords_found(keywords, their_text: str, their_keywords, said: str) -> list[float]:
    """Each side's keywords found verbatim in the other's text, as people would look for them."""
    return [
        sum(k.lower() in their_text for k in keywords) / len(keywords) if keywords else 0.0,
        sum(k.lower() in said for k in their_keywords) / len(their_keywords)
        if their_keywords
        else 0.0,
    ]


def _bigram_fit(owner: np.ndarray, code: np.ndarray, n: int) -> np.ndarray:
    """The bigram columns of text_fit (all but the keywords found), from the gram sets of the
    source's text, title and wishes (texts 0-2) and of each candidate's whole text, title and
    keywords (texts 3 + 3i, 4 + 3i, 5 + 3i), compared for all candidates at once."""
    source, source_title, wishes = (code[owner == i] for i in range(3))
    mine = owner >= 3
    owner, code = owner[mine], code[mine]
    cand, part = (owner - 3) // 3, (owner - 3) % 3
    whole, their_title, their_keywords = part == 0, part == 1, part == 2
    in_source = codes.isin(code, source)

    def count(mask, weights=None):
        return np.bincount(cand[mask], weights=weights, minlength=n).astype(float)

    def share(hits, total):
        return np.divide(hits, total, out=np.zeros(n), where=total > 0)

    # Rarity of each bigram the source and a candidate share: how few candidates share it.
    shared = whole & in_source
    _, which, df = np.unique(code[shared], return_inverse=True, return_counts=True)
    rarity = np.log1p(n / df)
    unseen = math.log1p(n)  # a bigram no candidate says is as rare as it gets
    source_mass = rarity.sum() + (len(source) - len(df)) * unseen if n else 0.0
    rarest = np.zeros(n)
    np.maximum.at(rarest, cand[shared], rarity[which])
    titled = their_title | their_keywords  # the title-or-keywords set, each bigram once
    t_owner, t_code = codes.distinct(cand[titled], code[titled])
    return np.column_stack(
        [
            count(whole & codes.isin(code, source_title)) / max(len(source_title), 1),
            share(count(their_title & in_source), count(their_title)),
            np.bincount(t_owner[codes.isin(t_code, source_title)], minlength=n)
            / max(len(source_title), 1),
            count(whole & codes.isin(code, wishes)) / max(len(wishes), 1),
            count(shared, rarity[which]) / source_mass if source_mass else np.zeros(n),
            rarest / unseen if n else rarest,
            share(count(their_keywords & in_source), count(their_keywords)),
        ]
    )
