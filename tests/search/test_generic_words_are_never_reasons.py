"""Generic words (said in listings of nearly every industry, measured into
search/data/generic_words.txt) never count as a reason for a match."""

from types import SimpleNamespace

from search import generic
from search.matching import explain
from search.matching import profile as profiles


def test_a_word_said_in_every_industry_is_measured_generic_and_a_specific_one_is_not():
    listings = [
        ("agriculture", "秸秆还田技术，提高产量"),
        ("wood_furniture", "秸秆人造板技术，无醛胶"),
        ("digital", "农产品溯源技术平台"),
        ("food", "果蔬预冷技术"),
    ]
    words = {word for word, _, _ in generic.measure(listings, min_document_share=0.5)}
    assert "技术" in words
    assert "秸秆" not in words  # two industries of four


def test_the_measured_list_holds_the_usual_generic_words():
    assert {"技术", "系统", "产品", "提高"} <= generic.words()


def candidate(title: str, summary: str):
    return SimpleNamespace(source={"title": title, "summary": summary, "keywords": []})


def test_a_generic_word_is_never_cited_even_when_both_titles_say_it():
    need = profiles.build(
        "农产品全产业链数字化技术", [], "需要一套覆盖种植、加工、销售的数字化管理技术系统。"
    )
    straw = candidate("秸秆板材生产技术", "以秸秆为原料压制板材的技术，提高生产效率的系统。")
    assert explain.shared_terms(need, straw) == []


def test_a_real_overlap_is_still_cited_beside_a_generic_word():
    need = profiles.build("秸秆综合利用技术", [], "想找秸秆压制板材的技术。")
    straw = candidate("秸秆板材生产技术", "以秸秆为原料压制板材。")
    terms = explain.shared_terms(need, straw)
    assert "秸秆" in terms
    assert not set(terms) & generic.words()
