"""Chinese text for the page index, segmented exactly like the marketplace's listings.

The search helper's `search.text` does the work (jieba words plus CJK bigrams); this module
only keeps the page index's use of it in one place.
"""

from search.text import grams, words


def index_tokens(text: str) -> str:
    """Space-separated tokens stored in the index (whitespace analyzer on the ES side)."""
    return " ".join(words(text) + grams(text))


def query_tokens(text: str) -> str:
    """A query analysed the same way, so index and query always agree."""
    return index_tokens(text)
