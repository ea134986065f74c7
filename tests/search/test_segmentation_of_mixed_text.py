from hypothesis import given, settings
from hypothesis import strategies as st

from search import text


def test_mixed_chinese_and_english_text_keeps_models_and_units_as_words():
    tokens = text.words("采用ＰＬＣ控制的CNC加工中心，精度0.01mm，适配PVC封边条")
    assert "plc" in tokens
    assert "cnc" in tokens
    assert "加工中心" in tokens
    assert "pvc" in tokens
    assert "封边条" in tokens
    assert "的" not in tokens


def test_character_views_cover_every_chinese_character_and_bigram():
    assert text.chars("无醛胶 PVC") == ["无", "醛", "胶", "pvc"]
    assert text.grams("无醛胶") == ["无醛", "醛胶"]


def test_key_terms_are_words_not_numbers():
    terms = [t for t, _ in text.key_terms("胶合强度达到1.2MPa，甲醛释放量低于0.03%，胶黏剂无醛")]
    assert "胶黏剂" in terms
    assert not any(t.replace(".", "").replace("%", "").isdigit() for t in terms)


PART = st.text(alphabet="胶黏剂无醛板材热压加工中心精度的ＰＶＣpvcCNC0123.-%，。 　\n", max_size=30)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(PART, min_size=1, max_size=4))
def test_segmenting_space_joined_parts_is_segmenting_each_part(parts):
    # analyse() relies on this to segment a listing's title, keywords and body only once.
    whole = text.segment(" ".join(parts))
    assert whole == [token for part in parts for token in text.segment(part)]
