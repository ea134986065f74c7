"""The one Elasticsearch client of the process, and index naming under the configured prefix."""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.serializer import OrjsonSerializer


@cache
def get_client() -> Elasticsearch:
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        retry_on_timeout=False,
        max_retries=0,
        # Bulk bodies and search responses are large: orjson (de)serialises them several
        # times faster than the standard library (measured in bench/matching_speed).
        serializer=OrjsonSerializer(),
    )


def alias_name(kind: str) -> str:
    """Public name of an index (an alias): '<prefix>-<kind>', e.g. 'linyi-achievements'."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"
