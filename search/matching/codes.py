"""Many texts at once as integer codes, so the matcher compares them with numpy.

text_fit and mutual fit compare a source with every candidate of every match: a few hundred
texts per match. Done gram by gram in Python that was most of a match's own cost (bench/
matching_speed); here the texts are joined and encoded once, and every character, bigram or
word becomes one integer:
  a CJK character (U+4E00..U+9FFF, what text.py reads as Chinese)  its offset in that block
  a bigram of two such characters                                    BIGRAMS + first * SPAN + second
  an ASCII word (text.ASCII_WORD)                                    WORDS + its number in `numbers`
Results are pairs of arrays (owner, code): which text, which code.
"""

import numpy as np

from .. import text

FIRST = 0x4E00
SPAN = 0xA000 - FIRST
BIGRAMS = SPAN
WORDS = SPAN + SPAN * SPAN
_SEPARATOR = "\x00"  # between texts: neither Chinese nor part of a word, so nothing spans two
_OWNER_SHIFT = 40  # owner and code packed in one int64 to sort and deduplicate them together
# What text.ASCII_WORD's matches are made of: any character it accepts inside a word.
_WORD_CHARS = np.array([bool(text.ASCII_WORD.fullmatch(f"a{chr(c)}a")) for c in range(128)])


def _encode(texts: list[str], *, normalize: bool) -> tuple[str, np.ndarray, np.ndarray]:
    """The joined text (normalised as text.normalize does, if asked), its code points and, for
    each, the number of its text. Full width becomes half width on the code points: str.translate
    costs a millisecond on a match's texts (Chinese punctuation is full width). Lower case first
    is the same: full-width capitals lower to full-width small letters."""
    joined = _SEPARATOR.join(texts)
    lengths = [len(t) + 1 for t in texts]
    if normalize:
        lowered = joined.lower()
        if len(lowered) != len(joined):  # a few letters lower to two characters: one by one
            lowered = _SEPARATOR.join(t.lower() for t in texts)
            lengths = [len(t.lower()) + 1 for t in texts]
        joined = lowered
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if normalize:
        wide = (points >= text.FULL_WIDTH_FIRST) & (points <= text.FULL_WIDTH_LAST)
        space = points == text.IDEOGRAPHIC_SPACE
        if wide.any() or space.any():
            points[wide] -= text.FULL_WIDTH_SHIFT
            points[space] = ord(" ")
            joined = points.astype(np.uint32).tobytes().decode("utf-32-le")
    owner = np.repeat(np.arange(len(texts)), lengths)[: len(points)]
    return joined, points, owner


def _words(joined: str, points: np.ndarray, owner: np.ndarray, numbers: dict[str, int]):
    """(owner, code) of every ASCII word. The regular expression only reads the runs of word
    characters, found by numpy: a word never reaches outside its run."""
    inside = np.zeros(len(points) + 2, dtype=np.int8)
    inside[1:-1] = _WORD_CHARS[np.minimum(points, 127)]
    edges = np.flatnonzero(np.diff(inside))
    starts, codes = [], []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        for m in text.ASCII_WORD.finditer(joined, start, end):
            starts.append(m.start())
            codes.append(WORDS + numbers.setdefault(m.group(), len(numbers)))
    return owner[np.array(starts, dtype=np.int64)], np.array(codes, dtype=np.int64)


def distinct(owner: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each (owner, code) pair once, sorted."""
    packed = np.sort((owner << _OWNER_SHIFT) | codes)
    keep = np.ones(len(packed), dtype=bool)
    keep[1:] = packed[1:] != packed[:-1]
    packed = packed[keep]
    return packed >> _OWNER_SHIFT, packed & ((1 << _OWNER_SHIFT) - 1)


def isin(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Which values are in sorted_set (np.isin, without sorting what is sorted already)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    where = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[where] == values


def gram_sets(texts: list[str], numbers: dict[str, int] | None = None):
    """Each text's set of text.grams, as (owner, code) with every pair once. numbers: ASCII
    words' numbers, shared between calls whose codes are compared."""
    joined, points, owner = _encode(texts, normalize=True)
    cjk = (points >= FIRST) & (points < FIRST + SPAN)
    offset = points - FIRST
    pair = cjk[:-1] & cjk[1:]
    bigrams = BIGRAMS + offset[:-1][pair] * SPAN + offset[1:][pair]
    alone = cjk.copy()
    alone[1:] &= ~cjk[:-1]
    alone[:-1] &= ~cjk[1:]
    word_owner, word_codes = _words(joined, points, owner, {} if numbers is None else numbers)
    return distinct(
        np.concatenate([owner[:-1][pair], owner[alone], word_owner]),
        np.concatenate([bigrams, offset[alone], word_codes]),
    )


def token_codes(docs: list[str], numbers: dict[str, int]):
    """Every token of each document, in order and with repeats, as (owner, code). A document is
    its tokens joined by spaces (text.joined of text.chars: the index's body_c)."""
    joined, points, owner = _encode(docs, normalize=False)
    cjk = (points >= FIRST) & (points < FIRST + SPAN)
    word_owner, word_codes = _words(joined, points, owner, numbers)
    return (
        np.concatenate([owner[cjk], word_owner]),
        np.concatenate([points[cjk] - FIRST, word_codes]),
    )
