"""The matcher's integer codes (search/matching/codes.py) say exactly what text.py says."""

from hypothesis import given
from hypothesis import strategies as st

from search import text
from search.matching import codes

# Chinese, full-width forms and the ideographic space, ASCII words with their inner
# punctuation, and letters whose lower case is longer than they are.
ALPHABET = st.sampled_from(
    [*"胶黏剂无醛热泵烘干，。：（）ＰＶＣ１２ａ　", *"PVCpvc0129.+- \n\t", "İ", "ẞ", "\x00"]
)
TEXTS = st.lists(st.text(ALPHABET, max_size=30), max_size=6)


def spelled(code: int, numbers: dict[str, int]) -> str:
    words = {codes.WORDS + n: w for w, n in numbers.items()}
    if code >= codes.WORDS:
        return words[code]
    if code >= codes.BIGRAMS:
        first, second = divmod(code - codes.BIGRAMS, codes.SPAN)
        return chr(codes.FIRST + first) + chr(codes.FIRST + second)
    return chr(codes.FIRST + code)


@given(TEXTS)
def test_gram_sets_are_the_sets_of_text_grams(texts):
    numbers = {}
    owner, code = codes.gram_sets(texts, numbers)
    for i, value in enumerate(texts):
        assert {spelled(c, numbers) for c in code[owner == i].tolist()} == set(text.grams(value))


@given(TEXTS)
def test_token_codes_are_the_tokens_of_each_document_with_repeats(texts):
    docs = [text.joined(text.chars(value)) for value in texts]
    numbers = {}
    owner, code = codes.token_codes(docs, numbers)
    for i, value in enumerate(texts):
        found = sorted(spelled(c, numbers) for c in code[owner == i].tolist())
        assert found == sorted(text.chars(value))


def test_a_word_and_a_bigram_never_reach_across_two_texts():
    owner, code = codes.gram_sets(["胶", "黏", "pvc", "u"])
    assert len(code) == 4
    assert owner.tolist() == [0, 1, 2, 3]
