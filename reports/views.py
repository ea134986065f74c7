"""Staff downloads for the science bureau: one page with a period form, one URL per workbook."""

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.authorization import authorize

from .exports import EXPORTS
from .forms import PeriodForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def index(request):
    authorize(request, "reports.export")
    form = PeriodForm(request.GET or None)
    exports = [
        ("challenges", _("揭榜挂帅：榜单、申报、评分、排名与揭榜结果（按发布时间）")),
        ("evaluations", _("成果评价：得分与评价结论（按申请时间）")),
        ("contracts", _("技术合同：认定登记号与金额（按签订日期）")),
    ]
    return render(request, "reports/index.html", {"form": form, "exports": exports})


def _download(request, kind: str):
    authorize(request, "reports.export")
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/index.html", {"form": form}, status=400)
    build, slug = EXPORTS[kind]
    start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
    buffer = BytesIO()
    build(start=start, end=end).save(buffer)
    period = f"{start or 'begin'}_{end or timezone.localdate()}"
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slug}_{period}.xlsx"'
    return response


@login_required
def challenges_export(request):
    return _download(request, "challenges")


@login_required
def evaluations_export(request):
    return _download(request, "evaluations")


@login_required
def contracts_export(request):
    return _download(request, "contracts")
