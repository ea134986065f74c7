"""Wagtail's Elasticsearch 8 backend made to work on a core-only Elasticsearch.

The local server has no analysis-common module: no ngram/edge_ngram/asciifolding filters and
no custom tokenizers, only built-in analyzers. So every text field is indexed with the
built-in `whitespace` analyzer and Python does the analysis: jieba words plus CJK bigrams
(cms.text), lower-cased; autocomplete prefixes are generated here too. Queries are segmented by
the same function before they reach Elasticsearch.

Index names come from settings.ELASTICSEARCH_INDEX_PREFIX at run time (test settings change it
after base settings are read), and the index is created with its mappings on first write.
"""

import copy
import logging

from django.conf import settings
from elasticsearch import BadRequestError, NotFoundError
from modelsearch.backends.base import get_model_root
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)
from modelsearch.backends.elasticsearchbase import ElasticsearchAutocompleteQueryCompilerImpl
from modelsearch.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models

from cms.text import index_tokens, query_tokens

logger = logging.getLogger(__name__)

MAX_PREFIX = 15


def _tokens(value):
    if isinstance(value, str):
        return index_tokens(value)
    if isinstance(value, list | tuple):
        return [_tokens(v) for v in value]
    return value


def _prefixes(values) -> str:
    out: list[str] = []
    for value in values:
        if not isinstance(value, str):
            continue
        for token in index_tokens(value).split():
            out.extend(token[:n] for n in range(1, min(len(token), MAX_PREFIX) + 1))
    return " ".join(dict.fromkeys(out))


def _use_whitespace(properties: dict) -> None:
    """Every text field is analysed by the built-in whitespace analyzer (tokens come ready)."""
    for prop in properties.values():
        if prop.get("type") == "text":
            prop["analyzer"] = "whitespace"
            prop["search_analyzer"] = "whitespace"
        if "properties" in prop:
            _use_whitespace(prop["properties"])


class SegmentedMapping(Elasticsearch8Mapping):
    edgengram_analyzer_config = {"analyzer": "whitespace", "search_analyzer": "whitespace"}

    def _segment_fields(self, fields, doc: dict) -> None:
        for field in fields:
            name = self.get_field_column_name(field)
            if name not in doc or doc[name] is None:
                continue
            if isinstance(field, RelatedFields):
                nested = type(self)(field.get_field(self.model).related_model)
                items = doc[name] if isinstance(doc[name], list) else [doc[name]]
                for item in items:
                    nested._segment_fields(field.fields, item)
            elif isinstance(field, SearchField | AutocompleteField):
                doc[name] = _tokens(doc[name])

    def get_mapping(self):
        mapping = super().get_mapping()
        _use_whitespace(mapping["properties"])
        return mapping

    def get_document(self, obj):
        doc = super().get_document(obj)
        doc["_edgengrams"] = _prefixes(doc.get("_edgengrams") or [])
        self._segment_fields(self.model.get_search_fields(), doc)
        return doc


class SegmentedIndex(Elasticsearch8Index):
    def exists(self):
        return bool(self.es.indices.exists(index=self.name))

    def ensure(self, model) -> None:
        """Create the index with every mapping of its root model if nobody has yet."""
        if self.exists():
            return
        try:
            self.put()
        except BadRequestError as exc:  # created meanwhile by another process
            if "resource_already_exists" not in str(exc):
                raise
            return
        root = get_model_root(model)
        for indexed in get_indexed_models():
            if get_model_root(indexed) is root:
                self.add_model(indexed)

    def add_item(self, item):
        self.ensure(type(item))
        super().add_item(item)

    def add_items(self, model, items):
        self.ensure(model)
        super().add_items(model, items)


class SegmentedQueryMixin:
    """Segment the user's words before Elasticsearch sees them."""

    @staticmethod
    def _segmented(query):
        query = copy.copy(query)
        query.query_string = query_tokens(query.query_string) or query.query_string
        return query

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        return super()._compile_plaintext_query(self._segmented(query), fields, boost)

    def _compile_fuzzy_query(self, query, fields):
        return super()._compile_fuzzy_query(self._segmented(query), fields)

    def _compile_phrase_query(self, query, fields):
        return super()._compile_phrase_query(self._segmented(query), fields)


class SegmentedSearchQueryCompiler(SegmentedQueryMixin, Elasticsearch8SearchQueryCompiler):
    mapping_class = SegmentedMapping


class SegmentedAutocompleteQueryCompiler(
    ElasticsearchAutocompleteQueryCompilerImpl, SegmentedSearchQueryCompiler
):
    mapping_class = SegmentedMapping


class SegmentedSearchResults(Elasticsearch8SearchResults):
    def _backend_do_search(self, body, **kwargs):
        try:
            return super()._backend_do_search(body, **kwargs)
        except NotFoundError:
            # Nothing has been indexed yet: that is "no results", not an error page.
            return {"hits": {"hits": [], "total": {"value": 0}}}

    def _do_count(self):
        try:
            return super()._do_count()
        except NotFoundError:
            return 0


class SearchBackend(Elasticsearch8SearchBackend):
    mapping_class = SegmentedMapping
    index_class = SegmentedIndex
    query_compiler_class = SegmentedSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedAutocompleteQueryCompiler
    results_class = SegmentedSearchResults

    # No custom analysis at all: the server cannot build any (see the module docstring).
    settings = {"settings": {"index": {"number_of_replicas": 0}}}

    def __init__(self, params):
        params = dict(params)
        params.setdefault("URLS", [settings.ELASTICSEARCH_URL])
        params.setdefault("INDEX_PREFIX", f"{settings.ELASTICSEARCH_INDEX_PREFIX}-cms-")
        params.setdefault("TIMEOUT", settings.ELASTICSEARCH_TIMEOUT)
        super().__init__(params)
