"""The workbooks staff file with the science bureau (科技局报送), one per subject, each for a
period. Every cell goes through core.spreadsheets, so text a user typed never runs as a formula.

Which date puts a row in the period: a challenge's publication, an evaluation's request, a
contract's signing (the dates the bureau's statistics count by).
"""

from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.services.erasure import ERASED_NAME, is_erased
from brokerage.models import TechContract
from challenges.models import Application, Challenge, Review
from core.spreadsheets import xlsx_row
from evaluation.models import EvaluationRequest


def _in_period(queryset, field: str, start: date | None, end: date | None, *, is_date=False):
    lookup = field if is_date else f"{field}__date"
    if start:
        queryset = queryset.filter(**{f"{lookup}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{lookup}__lte": end})
    return queryset


def _when(value):
    """Local wall-clock time without tzinfo (xlsx has no time zones)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _sheet(book: Workbook, title: str, header: list[str]):
    sheet = book.create_sheet(title)
    sheet.append(xlsx_row(sheet, header))
    return sheet


def _name(user) -> str:
    if user is None:
        return ""
    return ERASED_NAME if is_erased(user) else str(user)


def challenges_workbook(*, start: date | None = None, end: date | None = None) -> Workbook:
    """Challenges published in the period: one row per application (score, rank, award), and
    every expert's score on a second sheet."""
    challenges = _in_period(
        Challenge.objects.exclude(published_at=None), "published_at", start, end
    ).select_related("organization")
    applications = Application.objects.exclude(submitted_at=None).select_related(
        "lead", "lead_organization"
    )
    challenges = challenges.prefetch_related(
        Prefetch("applications", queryset=applications.order_by("rank", "id"))
    ).order_by("published_at", "id")
    book = Workbook(write_only=True)
    sheet = _sheet(book, _("榜单与申报"), [
        _("榜单编号"), _("榜单名称"), _("发榜单位"), _("揭榜方式"), _("状态"),
        _("悬赏金额（元）"), _("发布时间"), _("申报截止时间"), _("揭榜时间"),
        _("申报团队"), _("负责人"), _("牵头单位"), _("申报状态"), _("申请经费（元）"),
        _("综合得分"), _("排名"), _("揭榜结果"),
    ])  # fmt: skip
    for challenge in challenges:
        head = [
            challenge.pk,
            challenge.title,
            challenge.organization.name,
            challenge.get_mechanism_display(),
            challenge.get_status_display(),
            challenge.bounty_cny,
            _when(challenge.published_at),
            _when(challenge.deadline),
            _when(challenge.awarded_at),
        ]
        apps = list(challenge.applications.all()) or [None]
        for app in apps:
            sheet.append(xlsx_row(sheet, head + _application_cells(app)))
    scores = _sheet(book, _("专家评分"), [
        _("榜单编号"), _("榜单名称"), _("申报团队"), _("评审专家"), _("加权得分"),
        _("各项得分"), _("评审意见"), _("评分时间"),
    ])  # fmt: skip
    reviews = Review.objects.filter(application__challenge__in=challenges).select_related(
        "application__challenge", "assignment__expert"
    )
    for review in reviews.order_by("application__challenge_id", "application_id", "id"):
        app = review.application
        scores.append(xlsx_row(scores, [
            app.challenge_id, app.challenge.title, app.team_name,
            _name(review.assignment.expert), review.weighted_total,
            _pairs(review.scores), review.comment, _when(review.submitted_at),
        ]))  # fmt: skip
    return book


def _application_cells(app) -> list:
    if app is None:
        return [""] * 8
    return [
        app.team_name,
        _name(app.lead),
        app.lead_organization.name if app.lead_organization else "",
        app.get_status_display(),
        app.requested_amount_cny,
        app.total_score,
        app.rank,
        app.get_award_display() if app.award else "",
    ]


def _pairs(mapping: dict) -> str:
    return "；".join(f"{key}: {value}" for key, value in (mapping or {}).items())


def evaluations_workbook(*, start: date | None = None, end: date | None = None) -> Workbook:
    """Evaluations requested in the period, with their scores and report."""
    evaluations = _in_period(EvaluationRequest.objects.all(), "created_at", start, end)
    evaluations = evaluations.select_related(
        "achievement", "achievement__organization", "requester_organization"
    ).order_by("created_at", "id")
    book = Workbook(write_only=True)
    sheet = _sheet(book, _("成果评价"), [
        _("评价编号"), _("成果名称"), _("成果单位"), _("申请单位"), _("成果类别"), _("状态"),
        _("申请时间"), _("综合得分"), _("各维度得分"), _("存在分歧"), _("评价结论"),
        _("报告验证码"), _("报告出具时间"),
    ])  # fmt: skip
    for evaluation in evaluations:
        requester = evaluation.requester_organization
        sheet.append(xlsx_row(sheet, [
            evaluation.pk,
            evaluation.achievement.title,
            evaluation.achievement.organization.name,
            requester.name if requester else "",
            evaluation.get_category_display(),
            evaluation.get_status_display(),
            _when(evaluation.created_at),
            evaluation.overall_score,
            _pairs(evaluation.dimension_scores),
            _("是") if evaluation.has_disagreement else _("否"),
            evaluation.summary,
            evaluation.verification_code or "",
            _when(evaluation.issued_at),
        ]))  # fmt: skip
    return book


def contracts_workbook(*, start: date | None = None, end: date | None = None) -> Workbook:
    """Technology contracts signed in the period, with their registration numbers."""
    contracts = _in_period(TechContract.objects.all(), "signed_on", start, end, is_date=True)
    contracts = contracts.select_related("engagement", "engagement__lead_broker")
    book = Workbook(write_only=True)
    sheet = _sheet(book, _("技术合同"), [
        _("认定登记号"), _("认定登记日期"), _("合同名称"), _("合同类型"),
        _("卖方（受托方/让与方）"), _("买方（委托方/受让方）"), _("合同金额（元）"),
        _("技术交易额（元）"), _("签订日期"), _("履行期限自"), _("履行期限至"),
        _("项目名称"), _("技术经纪人"),
    ])  # fmt: skip
    for contract in contracts.order_by("signed_on", "id"):
        sheet.append(xlsx_row(sheet, [
            contract.registration_number or "",
            contract.registered_on,
            contract.title,
            contract.get_contract_type_display(),
            contract.supply_party,
            contract.demand_party,
            contract.amount_cny,
            contract.tech_amount_cny,
            contract.signed_on,
            contract.term_start,
            contract.term_end,
            contract.engagement.title,
            _name(contract.engagement.lead_broker),
        ]))  # fmt: skip
    return book


EXPORTS = {
    "challenges": (challenges_workbook, "challenges"),
    "evaluations": (evaluations_workbook, "evaluations"),
    "contracts": (contracts_workbook, "contracts"),
}
