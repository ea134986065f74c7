"""The staff workbench in the Wagtail admin: fees, experts, moderation and the report."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.authorization import authorize
from challenges.panel import other_experts
from core.activity import entries_for

from . import selectors, services
from .errors import EvaluationError
from .models import EvaluationRequest, EvaluationSettings, Status
from .views.owner import report_context

S = Status


def index(request):
    authorize(request, "evaluation.manage")
    for evaluation in EvaluationRequest.objects.filter(status=S.AWAITING_PAYMENT):
        services.settle_payment(evaluation=evaluation)
    base = EvaluationRequest.objects.select_related("achievement", "requester_organization")
    groups = [(label, base.filter(status=status)) for status, label in S.choices]
    return TemplateResponse(
        request,
        "evaluation/admin/index.html",
        {"groups": [(label, qs) for label, qs in groups if qs.exists()]},
    )


def _actions(request, evaluation):
    post, by = request.POST, request.user
    user_model = get_user_model()
    return {
        "waive": lambda: services.waive_fee(
            evaluation=evaluation, by=by, reason=post.get("reason", "")
        ),
        "assign_expert": lambda: services.assign_expert(
            evaluation=evaluation,
            expert=get_object_or_404(user_model, pk=post.get("expert") or 0),
            by=by,
        ),
        "remove_expert": lambda: services.remove_expert(
            assignment=get_object_or_404(evaluation.assignments, pk=post.get("assignment") or 0),
            by=by,
        ),
        "start_scoring": lambda: services.start_scoring(evaluation=evaluation, by=by),
        "discuss": lambda: services.post_discussion(
            evaluation=evaluation, by=by, body=post.get("body", "")
        ),
        "finalise": lambda: services.finalise_evaluation(
            evaluation=evaluation,
            by=by,
            summary=post.get("summary", ""),
            moderation_note=post.get("moderation_note", ""),
        ),
        "cancel": lambda: services.cancel_evaluation(
            evaluation=evaluation, by=by, reason=post.get("reason", "")
        ),
    }


def workflow(request, pk):
    authorize(request, "evaluation.manage")
    evaluation = get_object_or_404(
        EvaluationRequest.objects.select_related(
            "achievement__organization", "requester_organization", "price__product"
        ),
        pk=pk,
    )
    if request.method == "POST":
        action = _actions(request, evaluation).get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("未知操作。"))
        else:
            try:
                action()
            except EvaluationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("操作已完成。"))
        return redirect("evaluation_admin:workflow", pk=pk)
    services.settle_payment(evaluation=evaluation)
    panel = services.labelled(evaluation.assignments.select_related("expert").order_by("pk"))
    suggested = selectors.suggest_experts(evaluation)
    context = {
        "evaluation": evaluation,
        "S": S,
        "panel": panel,
        "suggested": suggested,
        "experts": other_experts(evaluation, suggested),
        "settings": EvaluationSettings.load(),
        "discussion": selectors.discussion(evaluation, reveal=True),
        "panel_complete": services.review.is_panel_complete(evaluation),
        "events": entries_for(evaluation)[:30],
    }
    if evaluation.scheme:
        context.update(report_context(evaluation, reveal=True))
    return TemplateResponse(request, "evaluation/admin/workflow.html", context)
