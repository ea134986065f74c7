"""Confidential annex pages: set the annex, accept the NDA, decide requests, download (logged)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.files import display_name, serve_private
from core.http import safe_next

from .. import services
from ..forms import AnnexForm
from ..models import Achievement, AnnexAccessRequest
from ..services.common import detail_url


@login_required
def manage(request, pk: int):
    achievement = get_object_or_404(Achievement, pk=pk)
    authorize(request, "marketplace.manage_annex", achievement)
    form = AnnexForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "annex_terms": achievement.annex_terms,
            "annex_requires_approval": achievement.annex_requires_approval,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_annex(
                achievement=achievement,
                by=request.user,
                file=form.cleaned_data["annex"],
                terms=form.cleaned_data["annex_terms"],
                requires_approval=form.cleaned_data["annex_requires_approval"],
            )
        except ValidationError as exc:
            form.add_error("annex", exc)
        except services.ListingActionRefused as exc:
            form.add_error("annex", exc.message)
        else:
            messages.success(request, _("保密附件设置已保存"))
            return redirect(detail_url(achievement))
    return render(request, "marketplace/annex_form.html", {"form": form, "listing": achievement})


@login_required
@require_POST
def request_access(request, pk: int):
    achievement = get_object_or_404(Achievement, pk=pk)
    try:
        access = services.request_annex_access(
            achievement=achievement, by=request.user, accept_terms=bool(request.POST.get("accept"))
        )
    except services.ListingActionRefused as exc:
        messages.error(request, exc.message)
    else:
        if access.status == AnnexAccessRequest.Status.APPROVED:
            messages.success(request, _("您已同意保密协议，可以下载保密附件。"))
        else:
            messages.success(request, _("申请已提交，发布方批准后即可下载。"))
    return redirect(detail_url(achievement))


@login_required
@require_POST
def decide(request, request_pk: int):
    access = get_object_or_404(AnnexAccessRequest, pk=request_pk)
    services.decide_annex_request(
        request=access, by=request.user, approve=request.POST.get("decision") == "approve"
    )
    messages.success(request, _("已处理该申请"))
    return redirect(safe_next(request, "marketplace:dashboard"))


@login_required
def download(request, pk: int):
    achievement = get_object_or_404(Achievement, pk=pk)
    try:
        services.record_annex_download(
            achievement=achievement, by=request.user, ip_address=request.META.get("REMOTE_ADDR")
        )
    except services.ListingActionRefused as exc:
        messages.error(request, exc.message)
        return redirect(detail_url(achievement))
    return serve_private(
        achievement.annex, filename=display_name(achievement.annex, achievement.annex_name)
    )
