"""How achievements and needs plug into search (registered in MarketplaceConfig.ready)."""

from django.urls import reverse

from core.models import industry_labels
from search.registry import OFFER, WANT, Searchable, number

from .models import Achievement, Need, Status, TransferMode


def _common(listing, kind: str) -> dict:
    org = listing.organization
    return {
        "pk": listing.pk,
        "external_id": listing.external_id or "",
        "kind": kind,
        "title": listing.title,
        "keywords": list(listing.keywords or []),
        "industry": listing.industry.code,
        "industry_name": listing.industry.name,
        "technical_field": listing.technical_field,
        "organization_id": org.pk,
        "organization_name": org.name,
        "organization_kind": org.kind,
        "region": org.region,
        "published_at": listing.published_at,
        "quality_score": listing.quality_score,
    }


class ListingSearch(Searchable):
    def rows(self):
        return self.model.objects.select_related("industry", "organization")

    def narrow(self, rows):
        return rows.filter(status=Status.PUBLISHED)

    def published(self):
        return self.model.objects.filter(status=Status.PUBLISHED)

    def is_searchable(self, obj) -> bool:
        return obj.is_published

    def for_organizations(self, organizations):
        rows = self.model.objects.filter(organization__in=organizations, status=Status.PUBLISHED)
        return rows.select_related("industry", "organization").order_by("-updated_at")


class AchievementSearch(ListingSearch):
    model = Achievement
    name = "achievement"
    side = OFFER
    index_kind = "achievements"
    feedback_field = "achievement"

    def text(self, obj):
        body = f"{obj.summary}\n{obj.description_text}"
        return obj.title, list(obj.keywords or []), body

    def document(self, obj, analysed):
        return dict(
            **_common(obj, "achievements"),
            summary=obj.summary,
            patent_type=obj.patent_type,
            maturity=obj.maturity,
            transfer_modes=list(obj.transfer_modes or []),
            asking_price_cny=number(obj.asking_price_cny),
            price_negotiable=obj.asking_price_cny is None,
            **analysed,
        )

    def url(self, pk) -> str:
        return reverse("marketplace:achievement_detail", args=[pk])


class NeedSearch(ListingSearch):
    """Every need lives in the "needs" index (揭榜挂帅 is the challenges app's 榜单)."""

    model = Need
    name = "need"
    side = WANT
    index_kind = "needs"
    feedback_field = "need"

    def text(self, obj):
        return obj.title, list(obj.keywords or []), obj.description_text

    def document(self, obj, analysed):
        return dict(
            **_common(obj, self.index_kind),
            summary=obj.description[:300],
            budget_min_cny=number(obj.budget_min_cny),
            budget_max_cny=number(obj.budget_max_cny),
            cooperation_modes=list(obj.cooperation_modes or []),
            deadline=obj.deadline,
            **analysed,
        )

    def url(self, pk) -> str:
        return reverse("marketplace:need_detail", args=[pk])


def register() -> None:
    from search import registry

    registry.register(AchievementSearch())
    registry.register(NeedSearch())
    registry.register_labels("industry", industry_labels)
    registry.register_labels("maturity", dict(Achievement.Maturity.choices))
    registry.register_labels("patent_type", dict(Achievement.PatentType.choices))
    registry.register_labels("transfer_mode", dict(TransferMode.choices))
