"""/api/v1/search, /api/v1/search/suggest and /api/v1/{needs,achievements}/<id>/matches.

Read-only and open: only published listings are indexed or matched, as on the public pages.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from marketplace.models import Achievement, Need, Status

from . import selectors
from .matching import match_achievement, match_need

router = Router(tags=["search"])


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    label: str
    values: list[FacetValueOut]


class HitOut(Schema):
    id: int
    kind: str
    kind_label: str
    external_id: str | None
    title: str
    title_html: str
    snippet_html: str
    industry: str | None
    industry_name: str | None
    organization_name: str | None
    maturity: str | None
    asking_price_cny: float | None
    budget_max_cny: float | None
    published_at: str | None
    url: str


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    results: list[HitOut]
    facets: dict[str, FacetOut]
    suggestions: list[str]


class SearchIn(Schema):
    q: str = ""
    kind: list[str] = []
    industry: list[str] = []
    maturity: list[str] = []
    patent_type: list[str] = []
    transfer_mode: list[str] = []
    organization_kind: list[str] = []
    region: list[str] = []
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20


FILTER_NAMES = ["industry", "maturity", "patent_type", "transfer_mode", "organization_kind"]


@router.get("/search", response=SearchOut, summary="检索科技成果、技术需求与揭榜挂帅")
def search(request, params: Query[SearchIn]):
    filters = {name: getattr(params, name) for name in [*FILTER_NAMES, "region"]}
    result = selectors.search_listings(
        query=params.q,
        filters=filters,
        kinds=params.kind or None,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
    )
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "per_page": result.per_page,
        "sort": result.sort,
        "results": result.hits,
        "facets": {
            name: {"label": str(f["label"]), "values": [v.__dict__ for v in f["values"]]}
            for name, f in result.facets.items()
        },
        "suggestions": result.suggestions,
    }


class SuggestionOut(Schema):
    title: str
    kind: str
    kind_label: str
    url: str


@router.get("/search/suggest", response=list[SuggestionOut], summary="输入联想")
def suggest(request, q: str = ""):
    return selectors.autocomplete(q)


class MatchOut(Schema):
    kind: str
    id: int
    external_id: str | None
    title: str
    score: float
    why: list[str]
    url: str


class MatchesOut(Schema):
    source: str
    source_id: int
    external_id: str | None
    matches: list[MatchOut]


def published_listing(model, ident: str):
    """A published listing by primary key or external_id; 404 otherwise (drafts stay hidden)."""
    rows = model.objects.filter(status=Status.PUBLISHED).select_related("industry", "organization")
    listing = None
    if ident.isdigit():
        listing = rows.filter(pk=int(ident)).first()
    if listing is None:
        listing = rows.filter(external_id=ident).first()
    if listing is None:
        raise Http404(_("没有找到该条已发布的信息"))
    return listing


def _matches_payload(source_kind, listing, matches):
    return {
        "source": source_kind,
        "source_id": listing.pk,
        "external_id": listing.external_id,
        "matches": [
            m.as_dict()
            | {"external_id": m.external_id or None, "url": selectors.listing_url(m.kind, m.pk)}
            for m in matches
        ],
    }


@router.get("/needs/{ident}/matches", response=MatchesOut, summary="为需求推荐成果")
def need_matches(request, ident: str, limit: int = 10):
    need = published_listing(Need, ident)
    return _matches_payload("need", need, match_need(need, limit=max(1, min(limit, 50))))


@router.get("/achievements/{ident}/matches", response=MatchesOut, summary="为成果匹配需求")
def achievement_matches(request, ident: str, limit: int = 10):
    achievement = published_listing(Achievement, ident)
    matches = match_achievement(achievement, limit=max(1, min(limit, 50)))
    return _matches_payload("achievement", achievement, matches)
