"""The home page's figures and listings, read from each app's selectors (registered with the
CMS in PortalConfig.ready: the CMS imports no domain app)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from brokerage.selectors import contract_totals
from challenges.selectors import needs_not_standing_as_challenges, open_challenges
from cms.selectors import Figure
from marketplace import selectors as market


def _items(n: int) -> str:
    """The counter word for n listings: "项" in Chinese, "item"/"items" in English."""
    return npgettext("首页数据单位", "项", "项", n)


def _needs():
    """Published needs; one made into a public 揭榜挂帅榜单 is counted and listed as that."""
    return needs_not_standing_as_challenges(market.published_needs())


def marketplace_figures() -> list[Figure]:
    counts = {
        "achievements": market.published_achievements().count(),
        "needs": _needs().count(),
    }
    challenges = open_challenges().count()
    return [
        Figure(
            "achievements",
            counts["achievements"],
            _("在线科技成果"),
            _items(counts["achievements"]),
        ),
        Figure("needs", counts["needs"], _("企业技术需求"), _items(counts["needs"])),
        Figure("open_challenges", challenges, _("征集中的揭榜项目"), _items(challenges)),
    ]


def contract_figures() -> list[Figure]:
    """Signed technology contracts and their total value in 万元."""
    totals = contract_totals()
    wan = (Decimal(totals["total"] or 0) / Decimal(10_000)).quantize(Decimal("1"))
    return [
        Figure(
            "contracts",
            totals["count"],
            _("已签技术合同"),
            npgettext("首页数据单位", "份", "份", totals["count"]),
        ),
        Figure("contract_value", int(wan), _("技术合同成交额"), _("万元")),
    ]


def listings() -> dict:
    return {
        "latest_achievements": market.published_achievements()[:4],
        "latest_needs": _needs()[:4],
        "open_challenges": open_challenges().order_by("deadline", "-pk")[:4],
    }
