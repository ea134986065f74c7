"""Shared reads of the portal's pages, and the home page's live figures."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    """One number on the home page: 'value' already formatted for people, 'unit' beside it."""

    key: str
    value: int | Decimal
    label: str
    unit: str = ""


def open_challenges():
    """揭榜挂帅 challenges (challenges.Challenge) taking applications now: published, deadline
    not yet passed."""
    from challenges.models import ChallengeStatus
    from challenges.selectors import public_challenges

    return public_challenges().filter(status=ChallengeStatus.PUBLISHED, deadline__gt=timezone.now())


def _marketplace_figures() -> list[Figure]:
    from marketplace import selectors as market

    counts = market.market_figures()
    return [
        Figure("achievements", counts["achievements"], _("在线科技成果"), _("项")),
        Figure("needs", counts["needs"], _("企业技术需求"), _("项")),
        Figure("open_challenges", open_challenges().count(), _("征集中的揭榜项目"), _("项")),
    ]


def _contract_figures() -> list[Figure]:
    """Signed technology contracts (brokerage.TechContract) and their total value in 万元."""
    if not apps.is_installed("brokerage"):
        return []
    contract_model = apps.get_model("brokerage", "TechContract")
    totals = contract_model.objects.aggregate(count=Count("pk"), total=Sum("amount_cny"))
    wan = (Decimal(totals["total"] or 0) / Decimal(10_000)).quantize(Decimal("1"))
    return [
        Figure("contracts", totals["count"], _("已签技术合同"), _("份")),
        Figure("contract_value", int(wan), _("技术合同成交额"), _("万元")),
    ]


# Each source returns a list of figures; add a function here to show a new number.
FIGURE_SOURCES: list[Callable[[], list[Figure]]] = [_marketplace_figures, _contract_figures]


def home_figures() -> list[Figure]:
    figures: list[Figure] = []
    for source in FIGURE_SOURCES:
        figures.extend(source())
    return figures


def latest_news(limit: int = 4):
    from cms.models import NewsPage

    return NewsPage.objects.live().public().select_related("cover").order_by("-date", "-pk")[:limit]


def policy_highlights(limit: int = 4):
    """Recommended policies first, then the newest in force."""
    from cms.models import PolicyPage, PolicyStatus

    return (
        PolicyPage.objects.live()
        .public()
        .filter(status=PolicyStatus.IN_FORCE)
        .order_by("-highlight", "-issued_on", "-pk")[:limit]
    )


def current_challenge_calls(limit: int = 3):
    from cms.models import ChallengeCallPage

    return (
        ChallengeCallPage.objects.live()
        .public()
        .filter(closes_on__gte=timezone.localdate())
        .order_by("closes_on", "-pk")[:limit]
    )


def home_sections() -> dict:
    from marketplace import selectors as market
    from marketplace.models import Need

    return {
        "figures": home_figures(),
        "latest_achievements": market.published_achievements()[:4],
        "latest_needs": market.published_needs().filter(kind=Need.Kind.NEED)[:4],
        "open_challenges": open_challenges().order_by("deadline", "-pk")[:4],
        "latest_news": latest_news(),
        "policy_highlights": policy_highlights(),
        "challenge_calls": current_challenge_calls(),
    }


def search_pages(query: str, limit: int = 5) -> list[Page]:
    """Live public pages matching the query, best first, as their specific page types.

    Goes through the configured Wagtail search backend (Elasticsearch with jieba-segmented
    text, see cms/search_backend.py). Each page has `.title`, `.url` and `.summary_text`.
    """
    query = (query or "").strip()
    if not query:
        return []
    results = Page.objects.live().public().exclude(depth__lte=1).search(query)[:limit]
    return [page.specific for page in results]
