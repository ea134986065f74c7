"""Turning listings into documents, versioned indices behind aliases, and bulk writes."""

import logging
from collections.abc import Iterable

from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import Index

from . import registry, text
from .client import alias_name, get_client
from .documents import (
    INDEX_SETTINGS,
    KINDS,
)

log = logging.getLogger(__name__)


def kind_of(listing) -> str:
    """The index ("achievements" | "needs" | "challenges") an object's document goes to."""
    return registry.of(listing).index_kind


def doc_id(listing) -> str:
    return registry.of(listing).doc_id(listing.pk)


def model_of(kind: str, raw_id) -> tuple[str, int]:
    """("achievement" | "need" | "challenge", pk) of a hit, from its index kind and _id."""
    searchable, pk = registry.by_document(kind, raw_id)
    return searchable.name, pk


def is_searchable(listing) -> bool:
    """Publicly visible: published listings, 榜单 in every public state."""
    return registry.of(listing).is_searchable(listing)


def belongs_in_index(listing) -> bool:
    """Searchable, unless an extension says otherwise (a need promoted to a public 榜单). The
    object is one loaded through with_document_relations (which annotates what they read)."""
    searchable = registry.of(listing)
    return searchable.belongs_in_index(listing) and all(
        extension.belongs_in_index(listing) for extension in registry.extensions(searchable.name)
    )


def listing_text(listing) -> tuple[str, list[str], str]:
    """(title, keywords, body): the text a listing is indexed and matched by."""
    return registry.of(listing).text(listing)


def document_for(listing, analysed: dict | None = None) -> dict:
    searchable = registry.of(listing)
    document = searchable.document(listing, analysed or text.analyse(*searchable.text(listing)))
    for extension in registry.extensions(searchable.name):
        document.update(extension.fields(listing))
    return document


def index_action(listing, *, index: str | None = None, analysed: dict | None = None) -> dict:
    """analysed: the text fields, when a worker process has computed them already.

    Documents are plain dicts (the Document classes define the strict mappings, which reject
    any field they do not declare): building dsl objects for every listing of a rebuild cost
    more than segmenting its text."""
    return {
        "_index": index or alias_name(kind_of(listing)),
        "_id": doc_id(listing),
        "_source": document_for(listing, analysed),
    }


def delete_actions(model_kind: str, pk: int) -> list[dict]:
    """Deletes the object's document from its index."""
    searchable = registry.named(model_kind)
    return [
        {
            "_op_type": "delete",
            "_index": alias_name(searchable.index_kind),
            "_id": searchable.doc_id(pk),
        }
    ]


# Index management -------------------------------------------------------------------------


def new_index_name(kind: str) -> str:
    return f"{alias_name(kind)}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(kind: str, name: str | None = None) -> str:
    name = name or new_index_name(kind)
    index = Index(name)
    index.settings(**INDEX_SETTINGS)
    index.document(KINDS[kind])
    index.create(using=get_client())
    return name


def ensure_indices() -> None:
    """Create any missing alias with a fresh index (first start, or a test's clean cluster)."""
    client = get_client()
    for kind in KINDS:
        alias = alias_name(kind)
        if not client.indices.exists_alias(name=alias):
            if client.indices.exists(index=alias):
                continue  # a concrete index squats the name; leave it to rebuild_index
            name = create_index(kind)
            client.indices.put_alias(index=name, name=alias)


def indices_behind(alias: str) -> list[str]:
    client = get_client()
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias).keys())


def swap_alias(kind: str, new_index: str) -> list[str]:
    """Point the alias at new_index in one atomic request; returns the indices it left."""
    client = get_client()
    alias = alias_name(kind)
    old = indices_behind(alias)
    actions = [{"remove": {"index": o, "alias": alias}} for o in old]
    actions.append({"add": {"index": new_index, "alias": alias}})
    if client.indices.exists(index=alias) and not old:
        # A concrete index with the alias's name (never ours, but possible by accident).
        actions.insert(0, {"remove_index": {"index": alias}})
    client.indices.update_aliases(actions=actions)
    return old


def bulk(actions: Iterable[dict], *, refresh=False) -> tuple[int, list[dict]]:
    """Send actions in bulk; returns (successes, errors). A missing doc on delete is no error."""
    ok, errors = 0, []
    for success, item in helpers.streaming_bulk(
        get_client(),
        actions,
        chunk_size=500,
        raise_on_error=False,
        raise_on_exception=True,
        max_retries=0,
    ):
        op = next(iter(item.values()))
        if success or (op.get("status") == 404 and "delete" in item):
            ok += 1
        else:
            errors.append(item)
    if refresh:
        get_client().indices.refresh(index=",".join(alias_name(k) for k in KINDS))
    return ok, errors


def with_document_relations(searchable: registry.Searchable):
    """Every row a document is built from, with what the document reads (relations, fields
    extensions add) loaded in the same queries: used by rebuilds and the outbox."""
    rows = searchable.rows()
    for extension in registry.extensions(searchable.name):
        rows = extension.annotate(rows)
    return rows


def indexed_rows(searchable: registry.Searchable):
    """The rows of one searchable that belong in the index."""
    rows = searchable.narrow(with_document_relations(searchable))
    for extension in registry.extensions(searchable.name):
        rows = extension.narrow(rows)
    return rows


def published_listings():
    """Everything that belongs in the indices, with the relations a document needs."""
    for searchable in registry.all():
        yield from indexed_rows(searchable).order_by("pk").iterator(chunk_size=1000)


def searchable_count() -> int:
    return sum(indexed_rows(searchable).count() for searchable in registry.all())
