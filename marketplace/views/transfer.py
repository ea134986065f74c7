"""Web import (upload, preview the row report, confirm) and Excel export for organization admins."""

import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..exporting import export_xlsx
from ..forms import ImportUploadForm
from ..services.imports import import_for_organization, read_rows

SESSION_KEY = "marketplace_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _admin_orgs(user):
    return [
        o
        for o in selectors.user_organizations(user)
        if user.has_perm("marketplace.import_for_org", o)
    ]


@login_required
def import_listings_view(request):
    orgs = _admin_orgs(request.user)
    if not orgs:
        messages.error(request, _("只有已认证机构的管理员才能批量导入。"))
        return redirect("marketplace:dashboard")
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, orgs)
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        organizations=orgs,
        initial={"organization": orgs[0].pk},
    )
    context = {"form": form, "organization": None}
    if request.method == "POST" and form.is_valid():
        org = context["organization"] = form.cleaned_data["organization"]
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (".xlsx", ".csv", ".jsonl"):
            form.add_error("file", _("只支持 .xlsx、.csv 或 .jsonl 文件"))
            return render(request, "marketplace/import.html", context)
        data = upload.read()
        kind = form.cleaned_data["kind"]
        report = _run(kind, data, suffix, org, request.user, dry_run=True)
        stored = default_storage.save(f"imports/{uuid.uuid4().hex}{suffix}", ContentFile(data))
        request.session[SESSION_KEY] = {
            "path": stored,
            "kind": kind,
            "suffix": suffix,
            "organization": org.pk,
        }
        context.update(report=report, preview=True, kind=kind)
    return render(request, "marketplace/import.html", context)


def _run(kind, data, suffix, org, user, *, dry_run):
    import io

    rows = read_rows(io.BytesIO(data), name=f"upload{suffix}")
    return import_for_organization(kind=kind, rows=rows, organization=org, by=user, dry_run=dry_run)


def _confirm(request, orgs):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or not default_storage.exists(pending["path"]):
        messages.error(request, _("导入文件已失效，请重新上传。"))
        return redirect("marketplace:import")
    # Checked again: the user may have lost the admin role since the preview.
    org = next((o for o in orgs if o.pk == pending.get("organization")), None)
    if org is None:
        default_storage.delete(pending["path"])
        messages.error(request, _("您已不是该机构的管理员，导入已取消。"))
        return redirect("marketplace:import")
    with default_storage.open(pending["path"], "rb") as f:
        data = f.read()
    default_storage.delete(pending["path"])
    report = _run(pending["kind"], data, pending["suffix"], org, request.user, dry_run=False)
    messages.success(
        request,
        _(
            "导入完成：新增 %(c)s 条，更新 %(u)s 条，失败 %(f)s 行。"
            "已导入的记录进入待审核，未达提交标准的 %(d)s 条保存为草稿。"
        )
        % {
            "c": report.created,
            "u": report.updated,
            "f": report.failed_rows,
            "d": len(report.drafts),
        },
    )
    return render(
        request,
        "marketplace/import.html",
        {
            "form": ImportUploadForm(organizations=orgs, initial={"organization": org.pk}),
            "organization": org,
            "report": report,
            "done": True,
        },
    )


@login_required
def export_listings_view(request):
    orgs = selectors.user_organizations(request.user)
    kind = request.GET.get("kind", "achievements")
    queryset = (
        selectors.org_achievements(orgs) if kind == "achievements" else selectors.org_needs(orgs)
    )
    response = HttpResponse(export_xlsx(queryset), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.xlsx"'
    return response
