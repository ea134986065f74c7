"""The expert's side: my tasks, the conflict declaration, scoring with evidence, discussion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.http import safe_next

from .. import selectors, services
from ..errors import EvaluationError
from ..models import EvaluationRequest, ExpertAssignment, Status
from .common import run


@login_required
def reviews(request):
    return render(
        request,
        "evaluation/reviews.html",
        {"assignments": selectors.assignments_for_expert(request.user)},
    )


def _parse_scores(post, scheme: dict) -> dict[int, tuple[str, str]]:
    return {
        spec["id"]: (post.get(f"score_{spec['id']}", ""), post.get(f"evidence_{spec['id']}", ""))
        for spec in scheme.get("indicators", [])
    }


@login_required
def assignment(request, pk: int):
    """Only the assigned expert ever sees this page (others get a 404, not a hint)."""
    task = get_object_or_404(
        ExpertAssignment.objects.select_related("evaluation__achievement__organization"), pk=pk
    )
    authorize(request, "evaluation.score", task, missing="404")
    evaluation = task.evaluation
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "declare":
            return run(
                request,
                lambda: services.declare_conflict(
                    assignment=task,
                    by=request.user,
                    has_conflict=request.POST.get("has_conflict") == "1",
                    statement=request.POST.get("statement", ""),
                ),
                success=_("利益冲突声明已提交。"),
                to=request.path,
            )
        try:
            services.submit_scores(
                assignment=task,
                by=request.user,
                scores=_parse_scores(request.POST, evaluation.scheme),
                comment=request.POST.get("comment", ""),
            )
        except EvaluationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("评分已提交，感谢您的评价。"))
            return redirect(request.path)
    existing = {s.indicator_id: s for s in task.scores.all()}
    groups = [
        (label, [(spec, existing.get(spec["id"])) for spec in specs])
        for label, specs in selectors.indicators_by_dimension(evaluation.scheme)
    ]
    context = {
        "task": task,
        "evaluation": evaluation,
        "achievement": evaluation.achievement,
        "groups": groups,
        "posted": request.POST if request.method == "POST" else None,
        "can_score": task.can_score and evaluation.status in (Status.SCORING, Status.DISCUSSION),
        "discussion": selectors.discussion(evaluation, reveal=False)
        if evaluation.status == Status.DISCUSSION
        else [],
        "S": Status,
    }
    return render(request, "evaluation/assignment.html", context)


@require_POST
@login_required
def discuss(request, pk: int):
    evaluation = get_object_or_404(EvaluationRequest, pk=pk)
    authorize(request, "evaluation.discuss", evaluation, missing="404")
    back = safe_next(request, "/")
    return run(
        request,
        lambda: services.post_discussion(
            evaluation=evaluation, by=request.user, body=request.POST.get("body", "")
        ),
        success=_("发言已发布。"),
        to=back,
    )
