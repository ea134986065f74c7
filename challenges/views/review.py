"""Expert review pages: assignments, the conflict declaration, and the score form.

Under blind review nothing here names a team or its organization: only its blind code.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..errors import ChallengeError
from ..forms import ConflictForm, ScoreForm
from ..models import ExpertAssignment, Phase, Review


def _assignment(request, pk) -> ExpertAssignment:
    assignment = get_object_or_404(
        ExpertAssignment.objects.select_related("challenge"), pk=pk, expert=request.user
    )
    return assignment


def score_form(request, assignment, application, *, phase: str, service, saved: str = ""):
    """The score form both review rounds share (applications; the 赛马制 stage gate): the
    phase's rubric, the expert's earlier scores as initial values, and on a valid POST the
    round's `service`. Returns (form, redirect): the redirect once the scores are saved."""
    existing = Review.objects.filter(
        assignment=assignment, application=application, phase=phase
    ).first()
    form = ScoreForm(
        request.POST or None,
        rubric=selectors.rubric_of(assignment.challenge, phase),
        initial_scores=existing.scores if existing else None,
        initial={"comment": existing.comment if existing else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service(
                assignment=assignment,
                application=application,
                by=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            if saved:
                messages.success(request, saved)
            return form, redirect("challenges:assignment", pk=assignment.pk)
    return form, None


@login_required
def review_home(request):
    return render(
        request,
        "challenges/review_home.html",
        {"assignments": selectors.assignments_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, pk):
    assignment = _assignment(request, pk)
    challenge = assignment.challenge
    blind = challenge.blind_review
    all_submitted = challenge.applications.filter(status="submitted").order_by("blind_code", "pk")
    form = ConflictForm(
        request.POST or None,
        applications=all_submitted,
        blind=blind,
        initial={"conflicted": assignment.conflicted_applications.all()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflicts(
                assignment=assignment,
                by=request.user,
                conflicted=list(form.cleaned_data["conflicted"]),
                statement=form.cleaned_data["statement"],
            )
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("利益冲突声明已提交，可以开始评分。"))
            return redirect("challenges:assignment", pk=assignment.pk)
    reviews = {r.application_id: r for r in assignment.reviews.filter(phase=Phase.APPLICATION)}
    rows = [
        (app, app.display_name(blind=blind), reviews.get(app.pk))
        for app in selectors.reviewable_applications(assignment)
    ]
    stage_reviews = {r.application_id: r for r in assignment.reviews.filter(phase=Phase.STAGE_GATE)}
    stage_rows = [
        (app, app.display_name(blind=blind), stage_reviews.get(app.pk))
        for app in selectors.stage_gate_teams(challenge).exclude(
            pk__in=assignment.conflicted_applications.values("pk")
        )
        if assignment.has_declared and challenge.is_horse_race
    ]
    return render(
        request,
        "challenges/assignment.html",
        {
            "stage_rows": stage_rows,
            "assignment": assignment,
            "challenge": challenge,
            "form": form,
            "rows": rows,
            "blind": blind,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk, application_pk):
    assignment = _assignment(request, pk)
    if not assignment.has_declared:
        messages.error(request, _("请先完成利益冲突声明，再进行评分。"))
        return redirect("challenges:assignment", pk=assignment.pk)
    application = selectors.reviewable_applications(assignment).filter(pk=application_pk).first()
    if application is None:
        raise Http404
    challenge = assignment.challenge
    form, saved = score_form(
        request,
        assignment,
        application,
        phase=Phase.APPLICATION,
        service=services.score_application,
        saved=_("评分已保存。"),
    )
    if saved:
        return saved
    blind = challenge.blind_review
    return render(
        request,
        "challenges/score.html",
        {
            "assignment": assignment,
            "challenge": challenge,
            "application": application,
            "team_label": application.display_name(blind=blind),
            "blind": blind,
            "responses": application.indicator_responses.select_related("indicator"),
            "members": [] if blind else application.members.all(),
            "form": form,
        },
    )
