"""Shared reads of the portal's pages, and the home page's live figures."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, Sum
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


def latest_news(limit: int = 4, *, public_q=None):
    from cms.models import NewsPage

    pages = NewsPage.objects.live().select_related("cover")
    pages = pages.public() if public_q is None else pages.exclude(public_q)
    return pages.order_by("-date", "-pk")[:limit]


def policy_highlights(limit: int = 4, *, public_q=None):
    """Recommended policies first, then the newest in force."""
    from cms.models import PolicyPage, PolicyStatus

    pages = PolicyPage.objects.live().filter(status=PolicyStatus.IN_FORCE)
    pages = pages.public() if public_q is None else pages.exclude(public_q)
    return pages.order_by("-highlight", "-issued_on", "-pk")[:limit]


def current_challenge_calls(limit: int = 3, *, public_q=None):
    from cms.models import ChallengeCallPage

    pages = ChallengeCallPage.objects.live().filter(closes_on__gte=timezone.localdate())
    pages = pages.public() if public_q is None else pages.exclude(public_q)
    return pages.order_by("closes_on", "-pk")[:limit]


def _linked_pages(home, news, policies) -> dict:
    """The news and policy indexes behind the sections' "more" links and the role entries'
    pages, in one query."""
    wanted = {
        "news_index": news[0].path[: -Page.steplen] if news else None,
        "policy_index": policies[0].path[: -Page.steplen] if policies else None,
    }
    roles = {
        name: getattr(home, f"{name}_id")
        for name in ("university_page", "enterprise_page", "broker_page")
    }
    paths = [path for path in wanted.values() if path]
    ids = [pk for pk in roles.values() if pk]
    if not paths and not ids:
        return dict.fromkeys([*wanted, *roles])
    found = list(Page.objects.filter(Q(path__in=paths) | Q(pk__in=ids)))
    by_path, by_id = {p.path: p for p in found}, {p.pk: p for p in found}
    return {
        **{name: by_path.get(path) for name, path in wanted.items()},
        **{name: by_id.get(pk) for name, pk in roles.items()},
    }


def home_sections(home=None) -> dict:
    """Everything the home page shows, each list read once (lists, not querysets: the template
    reads some of them twice)."""
    from marketplace import selectors as market
    from marketplace.models import Need

    public_q = Page.objects.all().private_q()  # one read of the view restrictions for all three
    news = list(latest_news(public_q=public_q))
    policies = list(policy_highlights(public_q=public_q))
    sections = {
        "figures": home_figures(),
        "latest_achievements": list(market.published_achievements()[:4]),
        "latest_needs": list(market.published_needs().filter(kind=Need.Kind.NEED)[:4]),
        "open_challenges": list(open_challenges().order_by("deadline", "-pk")[:4]),
        "latest_news": news,
        "policy_highlights": policies,
        "challenge_calls": list(current_challenge_calls(public_q=public_q)),
    }
    if home is not None:
        sections["links"] = _linked_pages(home, news, policies)
    return sections


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
