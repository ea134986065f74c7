"""A match's reasons are written in the reader's language, names included."""

import pytest
from django.utils import translation

from search.matching import match_need

pytestmark = pytest.mark.django_db


def test_the_same_industry_reason_names_the_industry_in_english_on_the_english_site(indexed):
    need = indexed["glue_need"]
    with translation.override("en"):
        reasons = [r for m in match_need(need) for r in m.why if r.startswith("Same industry")]

    assert reasons
    assert set(reasons) == {f"Same industry: {need.industry.name_en}"}


def test_the_same_industry_reason_names_the_industry_in_chinese_on_the_chinese_site(indexed):
    need = indexed["glue_need"]
    with translation.override("zh-hans"):
        reasons = [r for m in match_need(need) for r in m.why if r.startswith("同属")]

    assert set(reasons) == {f"同属{need.industry.name}产业"}
