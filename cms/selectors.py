"""Shared reads of the portal's pages, and the home page's live figures."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    """One number on the home page: 'value' already formatted for people, 'unit' beside it."""

    key: str
    value: int | Decimal
    label: str
    unit: str = ""


# What the home page shows of other apps: the portal app registers these (portal/apps.py), as
# the CMS imports no domain app. A figure source returns a list of figures (add one to show a
# new number); a section source returns {template variable: rows}.
FIGURE_SOURCES: list[Callable[[], list[Figure]]] = []
SECTION_SOURCES: list[Callable[[], dict]] = []


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
    sections = {"figures": home_figures()}
    for source in SECTION_SOURCES:
        sections.update(source())
    return sections | {
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
