"""/api/v1/achievements and /api/v1/needs: published listings only, confidential fields omitted.

The schemas list the public fields explicitly, so the reserve price, the confidential annex and
the moderation notes can never leak through the API.
"""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from accounts.contacts import contact_card
from core.api import PageNumberPagination

from . import selectors

router = Router(tags=["listings"])


class OrganizationOut(Schema):
    name: str
    kind: str
    region: str


class ContactOut(Schema):
    name: str
    phone: str
    email: str


class ListingOut(Schema):
    id: int
    external_id: str | None
    title: str
    keywords: list[str]
    industry: str = Field(..., alias="industry.code")
    industry_name: str = Field(..., alias="industry.name")
    technical_field: str
    organization: OrganizationOut
    quality_score: int
    view_count: int
    published_at: datetime | None
    url: str
    contact: ContactOut | None = Field(
        None,
        description="联系人、电话、邮箱：仅平台工作人员、本机构成员、项目经纪人及双方同意公开后的项目双方可见",
    )

    @staticmethod
    def resolve_contact(obj, context) -> dict | None:
        return contact_card(context["request"].user, obj)


class AchievementOut(ListingOut):
    summary: str
    description: str = Field(..., description="详细介绍（富文本 HTML，已过滤）")
    description_text: str = Field(..., description="详细介绍（纯文本）")
    patent_type: str
    patent_number: str
    ipc: str
    legal_status: str
    maturity: str
    trl_range: tuple[int, int]
    transfer_modes: list[str]
    asking_price_cny: Decimal | None
    price_negotiable: bool
    inventors: str
    funded_by_government: bool
    funding_programme: str
    has_confidential_annex: bool

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/achievements/{obj.pk}/"

    @staticmethod
    def resolve_has_confidential_annex(obj) -> bool:
        return bool(obj.annex)


class NeedOut(ListingOut):
    description: str
    budget_min_cny: Decimal | None
    budget_max_cny: Decimal | None
    budget_negotiable: bool
    cooperation_modes: list[str]
    deadline: date | None

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/needs/{obj.pk}/"


@router.get("/achievements", response=list[AchievementOut], summary="已发布的科技成果")
@paginate(PageNumberPagination, page_size=20)
def list_achievements(request, industry: str | None = None):
    queryset = selectors.published_achievements()
    if industry:
        queryset = queryset.filter(industry__code=industry)
    return queryset


@router.get("/achievements/{achievement_id}", response=AchievementOut, summary="科技成果详情")
def get_achievement(request, achievement_id: int):
    return get_object_or_404(selectors.published_achievements(), pk=achievement_id)


@router.get("/needs", response=list[NeedOut], summary="已发布的技术需求")
@paginate(PageNumberPagination, page_size=20)
def list_needs(request, industry: str | None = None):
    """揭榜挂帅榜单 are the challenges API's (/api/v1/challenges)."""
    queryset = selectors.published_needs()
    if industry:
        queryset = queryset.filter(industry__code=industry)
    return queryset


@router.get("/needs/{need_id}", response=NeedOut, summary="技术需求详情")
def get_need(request, need_id: int):
    return get_object_or_404(selectors.published_needs(), pk=need_id)
