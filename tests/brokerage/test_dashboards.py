"""Dashboard figures against known data."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from brokerage import selectors, services, stats
from brokerage.models import Stage, TechContract
from notifications.models import Notification
from tests.accounts.factories import staff_user
from tests.factories import OrganizationFactory, industry

from .factories import EngagementFactory, InquiryFactory, broker, contract_fields, staff

pytestmark = pytest.mark.django_db


def won_deal(amount, *, registered_on=date(2026, 9, 1), lead=None, **kwargs):
    engagement = EngagementFactory(
        stage=Stage.CLOSED_WON, **kwargs, **({"lead_broker": lead} if lead else {})
    )
    TechContract.objects.create(
        engagement=engagement,
        registration_number=f"REG-{engagement.pk}",
        registered_on=registered_on,
        **contract_fields(amount_cny=Decimal(amount), tech_amount_cny=Decimal(amount)),
    )
    return engagement


def test_staff_funnel_counts_conversion_and_median_days():
    now = timezone.now()
    lead = broker()
    for days_in_lead, goes_on in [(2, True), (4, True), (6, False)]:
        engagement = EngagementFactory(lead_broker=lead)
        engagement.__class__.objects.filter(pk=engagement.pk).update(
            created_at=now - timedelta(days=30)
        )
        if goes_on:
            engagement.log_action(
                "engagement.contact",
                data={"field": "stage", "from": "lead", "to": "contacted"},
                at=now - timedelta(days=30 - days_in_lead),
            )
    data = stats.staff_dashboard()
    rows = {row.code: row for row in data.stages}
    assert data.total == 3
    assert rows["lead"].reached == 3
    assert rows["contacted"].reached == 2
    assert rows["contacted"].conversion == pytest.approx(66.7)
    assert rows["negotiating"].reached == 0
    assert rows["negotiating"].conversion == 0
    assert rows["lead"].median_days == 3.0


def test_staff_dashboard_groups_registered_contracts_by_month_industry_broker_and_kind():
    chen = broker(user__name="陈志远")
    won_deal("300000", lead=chen, registered_on=date(2026, 9, 3))
    won_deal("500000", lead=chen, registered_on=date(2026, 10, 8))
    won_deal(
        "200000",
        registered_on=date(2026, 10, 9),
        industry=industry("food"),
        supply_organization=OrganizationFactory(kind="institute"),
    )
    data = stats.staff_dashboard()
    assert data.by_month == [("2026-09", 1, Decimal("300000")), ("2026-10", 2, Decimal("700000"))]
    assert ("木业家居", 2, Decimal("800000")) in data.by_industry
    assert ("食品", 1, Decimal("200000")) in data.by_industry
    assert ("陈志远", 2, Decimal("800000")) in data.by_broker
    assert dict((k, n) for k, n, _v in data.by_org_kind) == {"高等院校": 2, "科研院所": 1}


def test_training_target_counts_distinct_brokers_trained_this_year():
    year = timezone.localdate().year
    a, b = broker(), broker()
    by = staff()
    for person, course in [(a, "技术经纪人初级"), (a, "技术合同登记实务"), (b, "技术经纪人初级")]:
        services.record_training(
            broker=person, course=course, hours="16", completed_on=date(year, 3, 1), by=by
        )
    services.record_training(
        broker=broker(), course="往年课程", hours="8", completed_on=date(year - 1, 3, 1), by=by
    )
    data = stats.staff_dashboard()
    assert (data.trained_this_year, data.training_target) == (2, 200)
    assert data.training_percent == 1


def test_staff_dashboard_page_and_xlsx_export(client):
    won_deal("300000", registered_on=date(2026, 9, 3))
    client.force_login(staff_user())
    page = client.get("/admin/brokerage/")
    assert page.status_code == 200
    assert "技术经纪统计" in page.content.decode()
    export = client.get("/admin/brokerage/export.xlsx")
    assert export.status_code == 200
    book = load_workbook(BytesIO(export.content))
    months = book["按月份"]
    assert [c.value for c in months[2]] == ["2026-09", 1, 300000]


def test_staff_dashboard_is_refused_to_brokers(client):
    client.force_login(broker())
    assert client.get("/admin/brokerage/").status_code in (302, 403)


def test_price_band_needs_at_least_five_won_deals():
    for amount in ("200000", "263000", "314500", "420000"):
        won_deal(amount)
    assert selectors.price_band(industry_id=industry().pk, transfer_mode="license") is None
    won_deal("550000")
    band = selectors.price_band(industry_id=industry().pk, transfer_mode="license")
    assert (band.p25, band.p50, band.p75, band.deals) == (
        Decimal("260000"),
        Decimal("310000"),
        Decimal("420000"),
        5,
    )
    assert selectors.price_band(industry_id=industry().pk, transfer_mode="transfer") is None


def test_price_band_shows_rounded_quartiles_never_the_smallest_or_largest_contract(client):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    client.force_login(engagement.lead_broker)
    url = f"/engagements/{engagement.pk}/room/"
    for amount in ("187654", "263000", "314500", "421234", "553210"):
        won_deal(amount)
    page = client.get(url).content.decode()
    assert "¥260,000 — ¥420,000" in page and "¥310,000" in page
    for exact in ("187,654", "553,210", "263,000", "314,500", "421,234", "190,000", "550,000"):
        assert exact not in page


def test_room_page_shows_the_band_only_above_the_floor(client):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    client.force_login(engagement.lead_broker)
    url = f"/engagements/{engagement.pk}/room/"
    for amount in ("200000", "260000", "310000", "420000"):
        won_deal(amount)
    assert "¥260,000" not in client.get(url).content.decode()
    won_deal("550000")
    assert "¥260,000 — ¥420,000" in client.get(url).content.decode()


def test_overdue_engagements_are_flagged_once_to_broker_and_staff():
    officer = staff()
    late = EngagementFactory(stage=Stage.LEAD)
    late.__class__.objects.filter(pk=late.pk).update(
        stage_entered_at=timezone.now() - timedelta(days=4)
    )
    EngagementFactory(stage=Stage.LEAD)  # entered its stage just now
    assert [e.pk for e in selectors.overdue_engagements()] == [late.pk]
    assert services.flag_overdue_engagements() == 1
    assert services.flag_overdue_engagements() == 0
    told = set(
        Notification.objects.filter(event="engagement_overdue").values_list("user", flat=True)
    )
    assert told == {late.lead_broker.pk, officer.pk}


def test_broker_dashboard_shows_the_pipeline_and_commission_total(client):
    chen = broker()
    EngagementFactory(lead_broker=chen, stage=Stage.NEGOTIATING, title="秸秆饲料项目")
    won = won_deal("400000", lead=chen)
    services.set_commission(engagement=won, rate=Decimal("0.05"), by=chen)
    client.force_login(chen)
    html = client.get("/broker/").content.decode()
    assert "秸秆饲料项目" in html
    assert "¥20,000.00" in html


def test_listing_funnel_counts_views_inquiries_engagements_contracts_and_wait():
    inquiry = InquiryFactory()
    achievement = inquiry.achievement
    achievement.view_count = 120
    achievement.save()
    InquiryFactory(achievement=achievement)
    engagement = services.claim_inquiry(inquiry=inquiry, by=broker())
    engagement.log_action(
        "engagement.contact",
        data={"field": "stage", "from": "lead", "to": "contacted"},
        at=inquiry.created_at + timedelta(days=2),
    )
    funnel = stats.listing_funnel(achievement)
    assert (funnel["views"], funnel["inquiries"], funnel["engagements"], funnel["contracts"]) == (
        120,
        2,
        1,
        0,
    )
    assert funnel["median_days_to_first_contact"] == 2.0


def test_the_staff_xlsx_export_writes_a_formula_like_broker_name_as_text(client):
    from tests.factories import UserFactory

    lead = broker(user=UserFactory(name='=HYPERLINK("http://x","y")'))
    won_deal("300000", registered_on=date(2026, 9, 3), lead=lead)
    client.force_login(staff_user())
    book = load_workbook(BytesIO(client.get("/admin/brokerage/export.xlsx?year=2026").content))
    cell = book["按经纪人"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert cell.quotePrefix
