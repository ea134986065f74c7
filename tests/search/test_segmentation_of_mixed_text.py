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
