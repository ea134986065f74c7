"""Engagement pages: detail, stage changes and the broker's working material."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.files import serve_private

from .. import selectors, services
from ..errors import BrokerageError
from ..forms import CommissionForm, DocumentForm, LostForm, MeetingForm, NoteForm, TaskForm
from ..models import PIPELINE, Document, Engagement, Stage, Task
from ..rules import can_see_contacts


def engagement_for(request, pk: int, *, manage: bool = False) -> Engagement:
    engagement = get_object_or_404(
        Engagement.objects.select_related(
            "industry",
            "achievement",
            "need",
            "lead_broker",
            "supply_organization",
            "demand_organization",
            "supply_contact",
            "demand_contact",
        ),
        pk=pk,
    )
    # An engagement is private: to a stranger it does not exist (404); a party who may see it
    # but not run it is refused (403).
    authorize(request, "brokerage.view_engagement", engagement, missing="404")
    if manage:
        authorize(request, "brokerage.manage_engagement", engagement)
    return engagement


def _done(request, engagement, call, success: str):
    try:
        call()
    except BrokerageError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(engagement.get_absolute_url())


@login_required
def engagement_detail(request, pk: int):
    engagement = engagement_for(request, pk)
    role = selectors.role_in(request.user, engagement)
    managing = request.user.has_perm("brokerage.manage_engagement", engagement)
    contract = getattr(engagement, "contract", None)
    context = {
        "engagement": engagement,
        "role": role,
        "managing": managing,
        "is_member": selectors.is_member(request.user, engagement),
        "pipeline": [(s.value, s.label) for s in PIPELINE],
        "pipeline_index": [s.value for s in PIPELINE].index(engagement.stage)
        if engagement.stage in PIPELINE
        else -1,
        "events": engagement.activity.order_by("at", "id").select_related("actor"),
        "introductions": engagement.introductions.select_related(
            "organization", "person", "introduced_by"
        ),
        "documents": engagement.documents.all(),
        "meetings": engagement.meetings.all(),
        "contract": contract,
        "commission": selectors.commission_for(engagement, contract),
        "consented_sides": set(engagement.consents.values_list("side", flat=True)),
        "my_side": selectors.side_of(request.user, engagement),
        "see_contacts": can_see_contacts(request.user, engagement),
        "parties": engagement.parties.select_related("user"),
        "party_candidates": selectors.party_candidates(request.user, engagement),
    }
    if managing:
        context.update(
            notes=engagement.notes.select_related("author"),
            tasks=engagement.tasks.select_related("assignee"),
            note_form=NoteForm(),
            task_form=TaskForm(),
            meeting_form=MeetingForm(),
            document_form=DocumentForm(),
            lost_form=LostForm(),
            commission_form=CommissionForm(),
        )
    return render(request, "brokerage/engagement_detail.html", context)


STAGE_ACTIONS = {  # lazy: built at import time, translated per request
    "contact": (services.mark_contacted, gettext_lazy("已标记为“对接”，引荐记录已存档。")),
    "negotiate": (services.start_negotiation, gettext_lazy("已进入“洽谈”阶段。")),
    "agree": (services.mark_agreed, gettext_lazy("已标记双方达成一致。")),
    "win": (services.close_won, gettext_lazy("项目已成交。")),
}


@login_required
@require_POST
def change_stage(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    if action == "lose":
        form = LostForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择未成交原因。"))
            return redirect(engagement.get_absolute_url())
        return _done(
            request,
            engagement,
            lambda: services.close_lost(
                engagement=engagement,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
            _("项目已关闭（未成交）。"),
        )
    if action not in STAGE_ACTIONS:
        raise Http404
    service, success = STAGE_ACTIONS[action]
    return _done(
        request,
        engagement,
        lambda: service(engagement=engagement, by=request.user, note=note),
        success,
    )


@login_required
@require_POST
def add_note(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("记录内容不能为空。"))
        return redirect(engagement.get_absolute_url())
    return _done(
        request,
        engagement,
        lambda: services.add_note(
            engagement=engagement, body=form.cleaned_data["body"], by=request.user
        ),
        _("已添加跟进记录。"),
    )


@login_required
@require_POST
def add_task(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    form = TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写待办事项和截止日期。"))
        return redirect(engagement.get_absolute_url())
    return _done(
        request,
        engagement,
        lambda: services.add_task(engagement=engagement, by=request.user, **form.cleaned_data),
        _("已添加待办。"),
    )


@login_required
@require_POST
def complete_task(request, pk: int, task_id: int):
    engagement = engagement_for(request, pk, manage=True)
    task = get_object_or_404(Task, pk=task_id, engagement=engagement)
    return _done(
        request,
        engagement,
        lambda: services.complete_task(task=task, by=request.user),
        _("待办已完成。"),
    )


@login_required
@require_POST
def add_meeting(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写会谈主题和时间。"))
        return redirect(engagement.get_absolute_url())
    return _done(
        request,
        engagement,
        lambda: services.schedule_meeting(
            engagement=engagement, by=request.user, **form.cleaned_data
        ),
        _("已安排会谈。"),
    )


@login_required
@require_POST
def upload_document(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择文件类型并上传文件。"))
        return redirect(engagement.get_absolute_url())
    return _done(
        request,
        engagement,
        lambda: services.upload_document(
            engagement=engagement,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.user,
        ),
        _("文件已上传。"),
    )


@login_required
def download_document(request, pk: int, document_id: int):
    engagement = engagement_for(request, pk)
    document = get_object_or_404(Document, pk=document_id, engagement=engagement)
    return serve_private(document.file, filename=document.original_name)


@login_required
@require_POST
def set_commission(request, pk: int):
    engagement = engagement_for(request, pk, manage=True)
    form = CommissionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("佣金填写有误。"))
        return redirect(engagement.get_absolute_url())
    rate = form.cleaned_data["rate_percent"]
    return _done(
        request,
        engagement,
        lambda: services.set_commission(
            engagement=engagement,
            rate=rate / 100 if rate is not None else None,
            fixed_cny=form.cleaned_data["fixed_cny"],
            by=request.user,
        ),
        _("佣金约定已保存。"),
    )


@login_required
@require_POST
def add_party(request, pk: int):
    """A side's organization owner/admin adds a member of it as a party (the service checks)."""
    engagement = engagement_for(request, pk)
    user = get_object_or_404(get_user_model(), pk=request.POST.get("user") or 0)
    return _done(
        request,
        engagement,
        lambda: services.add_party_member(engagement=engagement, user=user, by=request.user),
        _("已添加参与人。"),
    )


@login_required
@require_POST
def consent(request, pk: int):
    engagement = engagement_for(request, pk)
    return _done(
        request,
        engagement,
        lambda: services.consent_to_disclosure(engagement=engagement, by=request.user),
        _("已记录您同意公开联系方式。"),
    )


__all__ = ["Stage"]
