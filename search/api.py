"""/api/v1/search, /api/v1/search/suggest and /api/v1/{needs,achievements}/<id>/matches.

Read-only and open: only published listings are indexed or matched, as on the public pages.
In results, `model` says what `id` is the primary key of: "achievement", "need", or
"challenge" (a 揭榜挂帅榜单 of the challenges app, kind "challenges", /challenges/<id>/).
/api/v1/saved-searches is the signed-in user's own 我的订阅 (session login, CSRF on writes).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.security import django_auth

from core.parsing import parse_id

from . import registry, selectors, services
from .matching import match_achievement, match_need
from .models import SavedSearch

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
    model: str
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
    bounty_cny: float | None
    mechanism_label: str | None
    deadline: str | None
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
    model: str
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


def published_listing(name: str, ident: str):
    """A published listing by external_id or primary key; 404 otherwise (drafts stay hidden).

    Imported listings may have all-digit external ids, so the exact external_id wins over a
    primary key of the same digits; "ext:<external_id>" and "id:<pk>" say which one is meant.
    """
    rows = registry.named(name).published().select_related("industry", "organization")
    prefix, sep, rest = ident.partition(":")
    if sep and prefix == "id":
        pk = parse_id(rest)
        listing = rows.filter(pk=pk).first() if pk is not None else None
    elif sep and prefix == "ext":
        listing = rows.filter(external_id=rest).first() if rest else None
    else:
        listing = rows.filter(external_id=ident).first() if ident else None
        if listing is None and parse_id(ident) is not None:
            listing = rows.filter(pk=parse_id(ident)).first()
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
            | {
                "external_id": m.external_id or None,
                "url": selectors.listing_url(m.kind, m.pk, model=m.model),
            }
            for m in matches
        ],
    }


@router.get("/needs/{ident}/matches", response=MatchesOut, summary="为需求推荐成果")
def need_matches(request, ident: str, limit: int = 10):
    need = published_listing("need", ident)
    return _matches_payload("need", need, match_need(need, limit=max(1, min(limit, 50))))


@router.get("/achievements/{ident}/matches", response=MatchesOut, summary="为成果匹配需求")
def achievement_matches(request, ident: str, limit: int = 10):
    achievement = published_listing("achievement", ident)
    matches = match_achievement(achievement, limit=max(1, min(limit, 50)))
    return _matches_payload("achievement", achievement, matches)


# ---- 我的订阅: saved searches of the signed-in user (session auth, CSRF on writes) ----


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str
    filters: dict[str, list[str]]
    frequency: str
    created_at: datetime
    last_notified_at: datetime | None
    search_url: str

    @staticmethod
    def resolve_search_url(obj):
        return f"{reverse('search:search')}?{obj.querystring}"


class SavedSearchIn(Schema):
    name: str = ""
    query: str = ""
    filters: dict[str, list[str]] = {}
    frequency: str = SavedSearch.Frequency.DAILY


class SavedSearchPatch(Schema):
    name: str | None = None
    frequency: str | None = None


class ErrorOut(Schema):
    detail: str


@router.get(
    "/saved-searches",
    response=list[SavedSearchOut],
    auth=django_auth,
    summary="我的订阅：列出保存的检索",
)
def list_saved_searches(request):
    return list(request.user.saved_searches.all())


@router.post(
    "/saved-searches",
    response={201: SavedSearchOut, 400: ErrorOut},
    auth=django_auth,
    summary="我的订阅：保存检索",
)
def create_saved_search(request, payload: SavedSearchIn):
    try:
        saved = services.save_search(
            user=request.user,
            name=payload.name,
            query=payload.query,
            filters=payload.filters,
            frequency=payload.frequency,
        )
    except ValidationError as exc:
        return HttpStatus(400, {"detail": " ".join(exc.messages)})
    return HttpStatus(201, saved)


def _own_saved_search(request, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, user=request.user)


@router.patch(
    "/saved-searches/{pk}",
    response={200: SavedSearchOut, 400: ErrorOut},
    auth=django_auth,
    summary="我的订阅：重命名或修改推送频率",
)
def update_saved_search(request, pk: int, payload: SavedSearchPatch):
    saved = _own_saved_search(request, pk)
    try:
        saved = services.update_saved_search(
            saved_search=saved, by=request.user, name=payload.name, frequency=payload.frequency
        )
    except ValidationError as exc:
        return HttpStatus(400, {"detail": " ".join(exc.messages)})
    return HttpStatus(200, saved)


@router.delete(
    "/saved-searches/{pk}", response={204: None}, auth=django_auth, summary="我的订阅：删除"
)
def delete_saved_search(request, pk: int):
    services.delete_saved_search(saved_search=_own_saved_search(request, pk), by=request.user)
    return HttpStatus(204, None)
