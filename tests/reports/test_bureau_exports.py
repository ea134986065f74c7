"""The science bureau's exports: staff download xlsx workbooks for a period; nobody else may,
and text a user typed never becomes a formula."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from brokerage.models import TechContract
from challenges.models import Application, Challenge
from evaluation.models import EvaluationRequest
from tests.accounts.factories import staff_user
from tests.brokerage.factories import EngagementFactory, broker, contract_fields
from tests.challenges.factories import reviewed
from tests.evaluation.factories import completed, requested
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","点此")'
EXPORT_URLS = (
    "/staff/reports/",
    "/staff/reports/challenges.xlsx",
    "/staff/reports/evaluations.xlsx",
    "/staff/reports/contracts.xlsx",
)


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


def test_challenges_export_lists_applications_scores_ranks_and_awards(staff_client):
    challenge, apps, _staff, experts = reviewed(n_apps=2)
    Challenge.objects.filter(pk=challenge.pk).update(title=FORMULA)
    Application.objects.filter(pk=apps[0].pk).update(rank=1, award="winner")

    book = workbook(staff_client.get("/staff/reports/challenges.xlsx"))

    header, *lines = rows(book["榜单与申报"])
    assert header[:2] == ["榜单编号", "榜单名称"] and header[-3:] == [
        "综合得分",
        "排名",
        "揭榜结果",
    ]
    assert len(lines) == 2
    assert {line[9] for line in lines} == {"攻关团队0", "攻关团队1"}
    winner = next(line for line in lines if line[15] == 1)
    assert winner[16] == "揭榜成功"
    assert all(line[14] is not None for line in lines)  # the total score is there
    _header, *scores = rows(book["专家评分"])
    assert len(scores) == 2 and {s[3] for s in scores} == {str(experts[0])}


def test_a_cell_a_user_typed_as_a_formula_stays_text(staff_client):
    challenge, _apps, _staff, _experts = reviewed(n_apps=1)
    Challenge.objects.filter(pk=challenge.pk).update(title=FORMULA)

    book = workbook(staff_client.get("/staff/reports/challenges.xlsx"))

    cell = book["榜单与申报"]["B2"]
    assert cell.value == FORMULA
    assert cell.data_type == "s"
    assert cell.quotePrefix is True


def test_challenges_outside_the_period_are_left_out(staff_client):
    challenge, _apps, _staff, _experts = reviewed(n_apps=1)
    Challenge.objects.filter(pk=challenge.pk).update(
        published_at=timezone.now() - timedelta(days=400)
    )
    today = timezone.localdate()

    recent = workbook(staff_client.get(f"/staff/reports/challenges.xlsx?start={today}"))
    everything = workbook(staff_client.get("/staff/reports/challenges.xlsx"))

    assert len(rows(recent["榜单与申报"])) == 1  # the header only
    assert len(rows(everything["榜单与申报"])) == 2


def test_evaluations_export_has_scores_and_the_report_for_the_period(staff_client):
    done = completed()
    old = requested()
    EvaluationRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=60)
    )
    since = timezone.localdate() - timedelta(days=7)

    book = workbook(staff_client.get(f"/staff/reports/evaluations.xlsx?start={since}"))

    header, *lines = rows(book["成果评价"])
    assert [line[0] for line in lines] == [done.pk]
    line = dict(zip(header, lines[0], strict=True))
    assert line["综合得分"] == float(done.overall_score)
    assert line["评价结论"] == "该成果技术先进，具备较好的转化前景。"
    assert line["报告验证码"] == done.verification_code
    assert line["各维度得分"]


def test_contracts_export_has_registration_numbers_and_the_period_filter(staff_client):
    TechContract.objects.create(
        engagement=EngagementFactory(),
        registration_number="2026371300000123",
        registered_on=date(2026, 10, 20),
        **contract_fields(title=FORMULA, amount_cny=Decimal("600000")),
    )
    TechContract.objects.create(
        engagement=EngagementFactory(),
        **contract_fields(
            title="去年的合同", signed_on=date(2025, 3, 1), term_start=date(2025, 3, 1)
        ),
    )

    book = workbook(
        staff_client.get("/staff/reports/contracts.xlsx?start=2026-01-01&end=2026-12-31")
    )

    header, *lines = rows(book["技术合同"])
    assert header[0] == "认定登记号"
    assert len(lines) == 1
    assert lines[0][0] == "2026371300000123"
    assert lines[0][2] == FORMULA
    assert book["技术合同"]["C2"].quotePrefix is True
    assert lines[0][6] == 600000


def test_a_reversed_period_is_refused(staff_client):
    response = staff_client.get("/staff/reports/contracts.xlsx?start=2026-12-31&end=2026-01-01")
    assert response.status_code == 400


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_an_ordinary_user_is_refused(client, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_a_broker_is_refused(client, url):
    client.force_login(broker())
    assert client.get(url).status_code == 403


def test_staff_see_the_page_listing_the_three_exports(staff_client):
    page = staff_client.get("/staff/reports/?start=2026-01-01").content.decode()
    for name in ("challenges", "evaluations", "contracts"):
        assert f"/staff/reports/{name}.xlsx?start=2026-01-01" in page
