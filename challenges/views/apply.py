"""The apply flow (揭榜申报) and "my applications"; applicants only ever see their own."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.authorization import authorize
from core.files import display_name, serve_private

from .. import selectors, services
from ..errors import ChallengeError
from ..forms import ApplicationForm, StartApplicationForm
from ..models import Application
from ..rules import can_view_application, is_application_lead
from .common import run


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    challenge = selectors.challenge_visible_to(user=request.user, pk=pk)
    if challenge is None:
        raise Http404
    existing = selectors.application_for(user=request.user, challenge=challenge)
    if existing is not None:
        return redirect("challenges:application", pk=existing.pk)
    form = StartApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                challenge=challenge,
                by=request.user,
                team_name=form.cleaned_data["team_name"],
                lead_organization=form.cleaned_data["lead_organization"],
            )
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("challenges:application_edit", pk=application.pk)
    return render(request, "challenges/apply_start.html", {"challenge": challenge, "form": form})


def _own(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("challenge", "lead_organization"), pk=pk
    )
    # Someone else's application is as absent as a missing one: no hint that it exists.
    authorize(request, can_view_application, application, missing="404")
    return application


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = _own(request, pk)
    # The team's organization admins and staff read it; only its lead edits it (the predicate
    # itself: has_perm would let a superuser write in a team's name).
    authorize(request, is_application_lead, application)
    challenge = application.challenge
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        instance=application,
        indicators=challenge.indicators.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(
                application=application, by=request.user, **form.service_kwargs()
            )
            if "submit" in request.POST:
                services.submit_application(application=application, by=request.user)
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            from django.contrib import messages

            messages.success(
                request,
                _("申报已提交。截止前仍可修改。") if "submit" in request.POST else _("已保存。"),
            )
            return redirect("challenges:application", pk=application.pk)
    return render(
        request,
        "challenges/application_form.html",
        {"application": application, "challenge": challenge, "form": form},
    )


@login_required
def application_detail(request, pk):
    application = _own(request, pk)
    return render(
        request,
        "challenges/application_detail.html",
        {
            "application": application,
            "challenge": application.challenge,
            "members": application.members.all(),
            "responses": application.indicator_responses.select_related("indicator"),
            "milestones": application.milestones.all(),
            "is_lead": application.lead_id == request.user.pk,
        },
    )


@login_required
def proposal_pdf(request, pk):
    """The proposal PDF: for the team's side and the experts reviewing it. A blind review's
    expert gets a neutral file name, since the original may name the team."""
    application = get_object_or_404(Application.objects.select_related("challenge"), pk=pk)
    user = request.user
    if not application.proposal_pdf:
        raise Http404
    authorize(request, "challenges.read_proposal", application, missing="404")
    filename = display_name(application.proposal_pdf, application.proposal_pdf_name)
    if application.challenge.blind_review and not user.has_perm(
        "challenges.view_application", application
    ):
        filename = _("技术方案-%(code)s.pdf") % {"code": application.blind_code or application.pk}
    return serve_private(application.proposal_pdf, filename=filename)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own(request, pk)
    _result, response = run(
        request,
        lambda: services.withdraw_application(application=application, by=request.user),
        success=_("申报已撤回；截止前可重新提交。"),
        redirect_to=application.get_absolute_url(),
    )
    return response


@login_required
def my_applications(request):
    return render(
        request,
        "challenges/my_applications.html",
        {"applications": selectors.applications_of(request.user)},
    )
