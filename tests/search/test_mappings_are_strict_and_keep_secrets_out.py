import pytest
from elasticsearch import BadRequestError

from search.client import alias_name
from search.indexing import document_for as achievement_document

pytestmark = pytest.mark.django_db


def test_every_index_has_a_strict_explicit_mapping(indexed, es):
    for kind in ("achievements", "needs", "challenges"):
        mapping = es.indices.get_mapping(index=alias_name(kind))
        (body,) = mapping.values()
        assert body["mappings"]["dynamic"] == "strict"
        assert body["mappings"]["properties"]["body_c"]["analyzer"] == "whitespace"


def test_an_unknown_field_is_rejected_not_mapped(indexed, es):
    with pytest.raises(BadRequestError):
        es.index(index=alias_name("achievements"), document={"surprise": 1}, refresh=True)


def test_the_reserve_price_is_never_indexed(indexed, es):
    glue = indexed["glue"]
    glue.reserve_price_cny = 99999
    assert "reserve" not in str(achievement_document(glue))
    mapping = str(es.indices.get_mapping(index=alias_name("achievements")))
    assert "reserve" not in mapping
    assert "123456" not in str(es.search(index=alias_name("achievements"), size=50))
