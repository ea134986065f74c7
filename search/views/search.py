"""The search page: parse the query string, call the selector, render."""

import logging
from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET
from elastic_transport import TransportError
from elasticsearch import ApiError

from .. import registry, selectors
from ..models import SavedSearch

log = logging.getLogger(__name__)


def _portal_pages(query: str) -> list:
    """Pages of the CMS matching the query (the "门户内容" section), if the CMS registered its
    page search."""
    if not query:
        return []
    return list(registry.search_pages(query, 5))


def _toggled(params: list, name: str, value: str) -> str:
    """The query string with one filter value switched on or off (sort kept, page reset)."""
    kept = [p for p in params if p != (name, value)]
    if len(kept) == len(params):
        kept.append((name, value))
    return "?" + urlencode(kept)


def _link_facets(result, params: list) -> list[tuple[str, str, str]]:
    """Give every facet value its toggle link; return the selected ones as removable chips."""
    chips = []
    for name, facet in (result.facets if result else {}).items():
        for value in facet["values"]:
            value.href = _toggled(params, name, value.value)
            if value.selected:
                chips.append((str(facet["label"]), value.label, value.href))
    return chips


@require_GET
def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.getlist(name) for name in selectors.FACETS}
    kinds = filters.pop("kind") or None
    sort = request.GET.get("sort", "relevance")
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    result, unavailable = None, False
    try:
        result = selectors.search_listings(
            query=query, filters=filters | {"kind": kinds or []}, kinds=kinds, sort=sort, page=page
        )
    except (TransportError, ApiError):
        log.exception("search unavailable")
        unavailable = True
    params = [("q", query)] if query else []
    params += [(name, v) for name in selectors.FACETS for v in request.GET.getlist(name)]
    if sort != "relevance":
        params.append(("sort", sort))
    chips = _link_facets(result, params)
    context = {
        "query": query,
        "result": result,
        "unavailable": unavailable,
        "sorts": [(key, label) for key, (label, _order) in selectors.SORTS.items()],
        "sort": sort,
        "base_querystring": urlencode([p for p in params if p[0] != "sort"]),
        "portal_pages": _portal_pages(query),
        "frequencies": SavedSearch.Frequency.choices,
        "chips": chips,
        "active_filters": [
            (name, v) for name in selectors.FACETS for v in request.GET.getlist(name)
        ],
    }
    return render(request, "search/search.html", context)
