"""The owner's side: post a challenge, edit the draft, submit it; plan and accept milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.authorization import authorize
from accounts.models import Membership, Organization
from core.http import run_action
from marketplace.models import Need

from .. import services
from ..errors import ChallengeError
from ..forms import ChallengeForm
from ..models import Challenge, Milestone
from ..rules import is_challenge_manager
from .common import run


def _managed_orgs(user):
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role__in=Membership.ADMIN_ROLES,
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    orgs = _managed_orgs(request.user)
    if not orgs.exists():
        messages.error(request, _("只有机构管理员可以发布揭榜挂帅榜单。"))
        return redirect("challenges:list")
    form = ChallengeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        org = orgs.filter(pk=request.POST.get("organization")).first() or orgs.first()
        try:
            challenge = services.create_challenge(
                organization=org,
                by=request.user,
                indicators=form.cleaned_data["indicators_text"],
                **form.service_fields(),
            )
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("榜单草稿已保存，确认无误后提交平台审核。"))
            return redirect(challenge)
    return render(request, "challenges/challenge_form.html", {"form": form, "orgs": orgs})


def _managed(request, pk) -> Challenge:
    challenge = get_object_or_404(Challenge, pk=pk)
    authorize(request, is_challenge_manager, challenge, missing="404")
    return challenge


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk):
    challenge = _managed(request, pk)
    form = ChallengeForm(request.POST or None, request.FILES or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_challenge(
                challenge=Challenge.objects.get(pk=pk),
                by=request.user,
                indicators=form.cleaned_data["indicators_text"],
                **form.service_fields(),
            )
        except ChallengeError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已保存。"))
            return redirect("challenges:detail", pk=pk)
    return render(request, "challenges/challenge_form.html", {"form": form, "challenge": challenge})


@login_required
@require_POST
def challenge_submit(request, pk):
    challenge = _managed(request, pk)
    _r, response = run(
        request,
        lambda: services.submit_challenge(challenge=challenge, by=request.user),
        success=_("已提交平台审核。缴纳揭榜保证金后即可发布。"),
        redirect_to=challenge.get_absolute_url(),
    )
    return response


@login_required
@require_POST
def milestone_deliver(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    _r, response = run(
        request,
        lambda: services.deliver_milestone(
            milestone=milestone, by=request.user, note=request.POST.get("note", "")
        ),
        success=_("已提交验收。"),
        redirect_to=milestone.application.get_absolute_url(),
    )
    return response


@login_required
@require_POST
def milestone_accept(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    authorize(request, is_challenge_manager, milestone.challenge, missing="404")
    accepted = request.POST.get("decision") == "accept"
    _r, response = run(
        request,
        lambda: services.accept_milestone(
            milestone=milestone,
            by=request.user,
            accepted=accepted,
            note=request.POST.get("note", ""),
        ),
        success=_("验收结论已记录。"),
        redirect_to=milestone.challenge.get_absolute_url(),
    )
    return response


@login_required
@require_POST
def promote_need(request, need_pk: int):
    """转为榜单: the need's administrators turn it into a draft 榜单 they then complete."""
    need = get_object_or_404(Need.objects.select_related("organization"), pk=need_pk)
    authorize(request, "challenges.promote_need", need, missing="404")
    challenge, response = run_action(
        request,
        lambda: services.promote_need_to_challenge(need=need, by=request.user),
        success=_("已转为揭榜挂帅榜单草稿，请补充榜单信息后提交审核。"),
        redirect_to=need.get_absolute_url(),
    )
    return redirect("challenges:edit", pk=challenge.pk) if challenge else response
