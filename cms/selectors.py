"""Shared reads of the portal's pages, and the home page's live figures."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page

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


def in_reader_language(pages, *, default=False):
    """Pages of the active language's tree (the default language's with default=True); all
    pages when the locales are missing (tests that flush tables)."""
    try:
        locale = Locale.get_default() if default else Locale.get_active()
    except Locale.DoesNotExist:
        return pages
    return pages.filter(locale=locale)


def home_figures() -> list[Figure]:
    figures: list[Figure] = []
    for source in FIGURE_SOURCES:
        figures.extend(source())
    return figures


def latest_news(limit: int = 4, *, public_q=None):
    from cms.models import NewsPage

    pages = in_reader_language(NewsPage.objects.live()).select_related("cover")
    pages = pages.public() if public_q is None else pages.exclude(public_q)
    return pages.order_by("-date", "-pk")[:limit]


def policy_highlights(limit: int = 4, *, public_q=None):
    """Recommended policies first, then the newest in force."""
    from cms.models import PolicyPage, PolicyStatus

    pages = in_reader_language(PolicyPage.objects.live()).filter(status=PolicyStatus.IN_FORCE)
    pages = pages.public() if public_q is None else pages.exclude(public_q)
    return pages.order_by("-highlight", "-issued_on", "-pk")[:limit]


def current_challenge_calls(limit: int = 3, *, public_q=None):
    from cms.models import ChallengeCallPage

    pages = in_reader_language(ChallengeCallPage.objects.live())
    pages = pages.filter(closes_on__gte=timezone.localdate())
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
    public_q = Page.objects.all().private_q()  # one read of the view restrictions for all three
    news = list(latest_news(public_q=public_q))
    policies = list(policy_highlights(public_q=public_q))
    sections = {"figures": home_figures()}
    for source in SECTION_SOURCES:
        sections.update({name: list(rows) for name, rows in source().items()})
    sections |= {
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
    pages = in_reader_language(Page.objects.live().public().exclude(depth__lte=1))
    results = pages.search(query)[:limit]
    return [page.specific for page in results]
