"""Figures for the dashboards: listing funnels, the staff funnel, deals by dimension, training."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from statistics import median

from django.conf import settings
from django.utils import timezone

from marketplace.models import Achievement, Inquiry

from .models import PIPELINE, Engagement, Stage, TechContract, TrainingRecord

# The city's yearly target of newly trained technology brokers (临沂市每年培训技术经纪人200名).
TRAINING_TARGET_PER_YEAR = getattr(settings, "BROKERAGE_TRAINING_TARGET", 200)


def _days(delta: timedelta) -> float:
    return round(delta.total_seconds() / 86400, 1)


# --- Per listing ---------------------------------------------------------------------------------


def listing_funnel(listing) -> dict:
    is_achievement = isinstance(listing, Achievement)
    key = "achievement" if is_achievement else "need"
    inquiries = Inquiry.objects.filter(**{key: listing})
    engagements = Engagement.objects.filter(**{key: listing})
    contracts = TechContract.objects.filter(engagement__in=engagements).count()
    waits = []
    for inquiry in inquiries.prefetch_related("engagements__activity"):
        contacted = [
            ev.at
            for engagement in inquiry.engagements.all()
            for ev in engagement.activity.all()
            if ev.to_state == Stage.CONTACTED
        ]
        if contacted:
            waits.append(min(contacted) - inquiry.created_at)
    return {
        "steps": [
            ("views", listing.view_count),
            ("inquiries", inquiries.count()),
            ("engagements", engagements.count()),
            ("contracts", contracts),
        ],
        "views": listing.view_count,
        "inquiries": inquiries.count(),
        "engagements": engagements.count(),
        "contracts": contracts,
        "median_days_to_first_contact": _days(median(waits)) if waits else None,
    }


# --- Staff dashboard ------------------------------------------------------------------------------


@dataclass
class StageRow:
    code: str
    label: str
    reached: int = 0
    conversion: float | None = None  # share of the previous stage's engagements that got here
    median_days: float | None = None


@dataclass
class Dashboard:
    total: int
    stages: list[StageRow]
    lost: int
    by_month: list[tuple[str, int, Decimal]] = field(default_factory=list)
    by_industry: list[tuple[str, int, Decimal]] = field(default_factory=list)
    by_broker: list[tuple[str, int, Decimal]] = field(default_factory=list)
    by_org_kind: list[tuple[str, int, Decimal]] = field(default_factory=list)
    trained_this_year: int = 0
    training_target: int = TRAINING_TARGET_PER_YEAR
    year: int = 0

    @property
    def training_percent(self) -> int:
        return min(100, round(100 * self.trained_this_year / self.training_target))


def _stage_visits(engagement: Engagement) -> list[tuple[str, object]]:
    """(stage, entered at) in order, from creation and the recorded stage changes."""
    visits = [(Stage.LEAD.value, engagement.created_at)]
    for ev in sorted(engagement.activity.all(), key=lambda ev: (ev.at, ev.pk)):
        if ev.to_state:
            visits.append((ev.to_state, ev.at))
    return visits


def _grouped(contracts, key) -> list[tuple[str, int, Decimal]]:
    groups: dict[str, list] = defaultdict(lambda: [0, Decimal("0")])
    for contract in contracts:
        label = key(contract)
        groups[label][0] += 1
        groups[label][1] += contract.amount_cny
    return sorted(((k, n, v) for k, (n, v) in groups.items()), key=lambda row: row[0])


def staff_dashboard(*, year: int | None = None) -> Dashboard:
    year = year or timezone.localdate().year
    engagements = list(Engagement.objects.prefetch_related("activity"))
    reached: dict[str, int] = defaultdict(int)
    durations: dict[str, list[timedelta]] = defaultdict(list)
    for engagement in engagements:
        visits = _stage_visits(engagement)
        for stage in {code for code, _at in visits}:
            reached[stage] += 1
        for (stage, entered), (_next, left) in zip(visits, visits[1:], strict=False):
            durations[stage].append(left - entered)
    rows, previous = [], None
    for stage in PIPELINE:
        row = StageRow(stage.value, str(stage.label), reached[stage.value])
        if previous is not None and previous.reached:
            row.conversion = round(100 * row.reached / previous.reached, 1)
        if durations[stage.value]:
            row.median_days = _days(median(durations[stage.value]))
        rows.append(row)
        previous = row
    contracts = list(
        TechContract.objects.filter(registration_number__isnull=False)
        .exclude(registration_number="")
        .select_related(
            "engagement__industry", "engagement__lead_broker", "engagement__supply_organization"
        )
    )
    return Dashboard(
        total=len(engagements),
        stages=rows,
        lost=reached[Stage.CLOSED_LOST.value],
        by_month=_grouped(contracts, lambda c: c.registered_on.strftime("%Y-%m")),
        by_industry=_grouped(contracts, lambda c: c.engagement.industry.name),
        by_broker=_grouped(contracts, lambda c: str(c.engagement.lead_broker)),
        by_org_kind=_grouped(
            contracts,
            lambda c: (
                str(c.engagement.supply_organization.get_kind_display())
                if c.engagement.supply_organization
                else "—"
            ),
        ),
        trained_this_year=trained_brokers(year),
        year=year,
    )


# --- Training -------------------------------------------------------------------------------------


def trained_brokers(year: int) -> int:
    """Distinct brokers who completed at least one training course in the year."""
    return (
        TrainingRecord.objects.filter(completed_on__year=year).values("broker").distinct().count()
    )


def training_summary(user) -> dict:
    records = list(TrainingRecord.objects.filter(broker=user))
    return {
        "training_records": records,
        "training_hours": sum((r.hours for r in records), Decimal("0")),
    }
