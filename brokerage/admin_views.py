"""Staff dashboard in the Wagtail admin: funnel, conversion, deals by dimension, training."""

from io import BytesIO

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.authorization import authorize
from accounts.models import BrokerProfile
from core.spreadsheets import xlsx_row

from . import services, stats
from .errors import BrokerageError
from .models import TrainingRecord


def _with_widths(rows):
    """Adds each row's bar width (percent of the largest value) for the CSS bar charts."""
    top = max((row[2] for row in rows), default=0) or 1
    return [(label, n, value, round(100 * float(value) / float(top))) for label, n, value in rows]


def dashboard(request):
    authorize(request, "brokerage.view_statistics")
    year = int(request.GET.get("year") or 0) or None
    data = stats.staff_dashboard(year=year)
    top = max((row.reached for row in data.stages), default=0) or 1
    return render(
        request,
        "brokerage/admin/dashboard.html",
        {
            "data": data,
            "stage_rows": [(row, round(100 * row.reached / top)) for row in data.stages],
            "dimensions": [
                (_("按月份"), _with_widths(data.by_month)),
                (_("按产业"), _with_widths(data.by_industry)),
                (_("按经纪人"), _with_widths(data.by_broker)),
                (_("按供给方机构类型"), _with_widths(data.by_org_kind)),
            ],
            "brokers": BrokerProfile.objects.select_related("user").order_by("user__name"),
            "recent_training": TrainingRecord.objects.select_related("broker")[:10],
        },
    )


def export_xlsx(request):
    authorize(request, "brokerage.view_statistics")
    data = stats.staff_dashboard(year=int(request.GET.get("year") or 0) or None)
    book = Workbook()
    sheet = book.active
    sheet.title = _("阶段漏斗")
    sheet.append([_("阶段"), _("到达项目数"), _("转化率（%）"), _("停留时间中位数（天）")])
    for row in data.stages:
        sheet.append(xlsx_row(sheet, [row.label, row.reached, row.conversion, row.median_days]))
    for title, rows in [
        (_("按月份"), data.by_month),
        (_("按产业"), data.by_industry),
        (_("按经纪人"), data.by_broker),
        (_("按机构类型"), data.by_org_kind),
    ]:
        sheet = book.create_sheet(title)
        sheet.append([_("分组"), _("登记合同数"), _("合同金额（元）")])
        for label, count, value in rows:
            sheet.append(xlsx_row(sheet, [label, count, float(value)]))
    sheet = book.create_sheet(_("经纪人培训"))
    sheet.append([_("年度"), _("已培训经纪人"), _("年度目标")])
    sheet.append([data.year, data.trained_this_year, data.training_target])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="brokerage-{data.year}.xlsx"'
    return response


@require_POST
def add_training(request):
    authorize(request, "brokerage.record_training")
    profile = get_object_or_404(BrokerProfile, pk=request.POST.get("broker"))
    completed_on = parse_date(request.POST.get("completed_on") or "")
    try:
        if completed_on is None:
            raise BrokerageError(_("请填写结业日期。"))
        services.record_training(
            broker=profile.user,
            course=request.POST.get("course", "").strip(),
            provider=request.POST.get("provider", "").strip(),
            hours=request.POST.get("hours") or "0",
            completed_on=completed_on,
            certificate_number=request.POST.get("certificate_number", "").strip(),
            by=request.user,
        )
    except BrokerageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("培训记录已保存。"))
    return redirect("brokerage_dashboard")
