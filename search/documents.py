"""Elasticsearch documents for listings: explicit, strict mappings; text pre-segmented in Python.

Analysed fields hold space-separated tokens from search.text and use the whitespace analyzer:
  *_w  jieba words        *_g  CJK character bigrams (+ ASCII words)       *_c  single characters
Display fields are stored but not indexed. The confidential reserve price is never part of a
document (see tests/search/test_mappings.py).
"""

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Double,
    Integer,
    Keyword,
    MetaField,
    Text,
)

WS = "whitespace"


def _tokens(**kwargs):
    return Text(analyzer=WS, **kwargs)


def _display():
    return Text(index=False)


class ListingDocument(Document):
    """Fields shared by every listing kind."""

    pk = Integer()
    external_id = Keyword()
    kind = Keyword()
    title = _display()
    summary = _display()
    keywords = Keyword(multi=True)
    industry = Keyword()
    industry_name = Keyword(index=False)
    technical_field = Keyword()
    organization_id = Integer()
    organization_name = Keyword()
    organization_kind = Keyword()
    region = Keyword()
    published_at = Date()
    quality_score = Integer()
    # Analysed text (see module docstring).
    title_w = _tokens()
    title_g = _tokens()
    keywords_w = _tokens()
    body_w = _tokens()
    body_g = _tokens()
    body_c = _tokens(similarity="chars")
    key_terms = Keyword(multi=True)
    suggest = Keyword(multi=True)

    class Meta:
        dynamic = MetaField("strict")


class AchievementDocument(ListingDocument):
    patent_type = Keyword()
    maturity = Keyword()
    transfer_modes = Keyword(multi=True)
    asking_price_cny = Double()
    price_negotiable = Boolean()
    # The owner's published 五元 evaluation (evaluation app): the 已评价 facet and its 综合 score.
    evaluated = Keyword()
    evaluation_overall = Integer()


class NeedDocument(ListingDocument):
    budget_min_cny = Double()
    budget_max_cny = Double()
    cooperation_modes = Keyword(multi=True)
    deadline = Date()
    # Facets shared with achievements: needs have none of their own, but filtering by them must
    # not fail with an unknown field, so the mapping declares them too.
    patent_type = Keyword()
    maturity = Keyword()
    transfer_modes = Keyword(multi=True)
    asking_price_cny = Double()
    evaluated = Keyword()


class ChallengeDocument(NeedDocument):
    """The "challenges" index holds the challenges app's 揭榜挂帅榜单 (_id = pk): wants like a
    need, with a bounty and a mechanism."""

    bounty_cny = Double()
    mechanism = Keyword()
    mechanism_label = Keyword(index=False)
    status = Keyword()


# Index kinds (the alias is '<prefix>-<kind>') and the document class of each.
KINDS = {
    "achievements": AchievementDocument,
    "needs": NeedDocument,
    "challenges": ChallengeDocument,
}

INDEX_SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "refresh_interval": "1s",
    # BM25 with a lower length normalisation: listing texts are long and their length says little
    # about relevance. Over single characters a low k1 lets many distinct shared characters count
    # more than one character repeated (measured in bench/matching_quality).
    "similarity": {
        "default": {"type": "BM25", "k1": 1.2, "b": 0.5},
        "chars": {"type": "BM25", "k1": 0.4, "b": 0.5},
    },
}
