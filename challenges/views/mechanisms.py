"""组阁制 and the 赛马制 stage gate on the site: the cabinet page (owner nominates, the chief
scientist answers, forms the team and records changes), stage results, the experts' stage-gate
scores and the side-by-side comparison from which staff decide."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.authorization import authorize
from accounts.models import Organization
from core.files import display_name, serve_private
from core.http import run_action

from .. import selectors, services
from ..errors import ChallengeError
from ..models import (
    Application,
    Award,
    Challenge,
    ChiefAppointment,
    ExpertAssignment,
    Milestone,
    Phase,
    StageResult,
)
from ..rules import leads_the_milestones_team
from .review import score_form

TEAM_ROWS = 8
MEMBER_FIELDS = ("name", "email", "organization_name", "title", "role", "budget_cny")


# ---------------------------------------------------------------- 组阁制


def _cabinet_challenge(request, pk) -> Challenge:
    challenge = get_object_or_404(Challenge, pk=pk)
    authorize(request, "challenges.view_cabinet", challenge, missing="404")
    return challenge


def _my_appointment(request, pk) -> ChiefAppointment:
    appointment = get_object_or_404(ChiefAppointment.objects.select_related("challenge"), pk=pk)
    authorize(request, "challenges.lead_cabinet", appointment, missing="404")
    return appointment


def _members_from(post) -> list[dict]:
    rows = []
    for i in range(TEAM_ROWS):
        row = {f: post.get(f"member-{i}-{f}", "").strip() for f in MEMBER_FIELDS}
        if row["name"]:
            rows.append(row)
    return rows


def _blank_rows(members) -> list[dict]:
    rows = [
        {
            "name": m.name,
            "email": m.user.email if m.user_id else "",
            "organization_name": m.organization_name,
            "title": m.title,
            "role": m.role,
            "budget_cny": m.budget_cny if m.budget_cny is not None else "",
        }
        for m in members
    ]
    rows += [dict.fromkeys(MEMBER_FIELDS, "") for _ in range(TEAM_ROWS - len(rows))]
    return list(enumerate(rows))


@login_required
def cabinet(request, pk):
    challenge = _cabinet_challenge(request, pk)
    appointment = selectors.live_appointment(challenge)
    members = (
        appointment.plan.members.select_related("user") if appointment and appointment.plan else []
    )
    is_chief = appointment is not None and appointment.chief_id == request.user.pk
    return render(
        request,
        "challenges/cabinet.html",
        {
            "challenge": challenge,
            "appointment": appointment,
            "past": challenge.chiefs.exclude(pk=getattr(appointment, "pk", None)).select_related(
                "chief"
            ),
            "members": members,
            "rows": _blank_rows(members),
            "is_chief": is_chief,
            "can_manage": request.user.has_perm("challenges.manage_challenge", challenge),
            "chief_orgs": Organization.objects.filter(memberships__user=request.user)
            if is_chief
            else [],
            "trail": selectors.cabinet_trail(challenge),
        },
    )


@login_required
@require_POST
def cabinet_nominate(request, pk):
    challenge = get_object_or_404(Challenge, pk=pk)
    authorize(request, "challenges.manage_challenge", challenge, missing="404")
    email = request.POST.get("email", "").strip()
    chief = get_user_model().objects.filter(email__iexact=email).first() if email else None

    def nominate():
        if chief is None:
            raise ChallengeError(_("平台上没有邮箱为 %(e)s 的用户。") % {"e": email or "—"})
        return services.nominate_chief(
            challenge=challenge, by=request.user, chief=chief, note=request.POST.get("note", "")
        )

    _r, response = run_action(
        request,
        nominate,
        success=_("已提名领衔专家，等待对方确认。"),
        redirect_to=reverse("challenges:cabinet", args=[pk]),
    )
    return response


@login_required
@require_POST
def cabinet_respond(request, pk):
    appointment = _my_appointment(request, pk)
    accept = request.POST.get("decision") == "accept"
    org_pk = request.POST.get("lead_organization")
    org = Organization.objects.filter(pk=org_pk).first() if org_pk else None
    _r, response = run_action(
        request,
        lambda: services.respond_to_nomination(
            appointment=appointment,
            by=request.user,
            accept=accept,
            note=request.POST.get("note", ""),
            lead_organization=org,
        ),
        success=_("已接受提名，请组建团队并填写组阁方案。") if accept else _("已谢绝提名。"),
        redirect_to=reverse("challenges:cabinet", args=[appointment.challenge_id]),
    )
    return response


@login_required
@require_POST
def cabinet_team(request, pk):
    appointment = _my_appointment(request, pk)
    _r, response = run_action(
        request,
        lambda: services.set_cabinet_team(
            appointment=appointment, by=request.user, members=_members_from(request.POST)
        ),
        success=_("团队和经费分配已保存。"),
        redirect_to=reverse("challenges:cabinet", args=[appointment.challenge_id]),
    )
    return response


@login_required
@require_POST
def cabinet_change(request, pk):
    appointment = _my_appointment(request, pk)
    post, by, reason = request.POST, request.user, request.POST.get("reason", "")
    kind = post.get("kind")
    if kind == "route":
        action = lambda: services.change_cabinet_route(  # noqa: E731
            appointment=appointment, by=by, route=post.get("route", ""), reason=reason
        )
    elif kind == "budget":
        allocations = {
            key.removeprefix("budget-"): value
            for key, value in post.items()
            if key.startswith("budget-") and value.strip()
        }
        action = lambda: services.reallocate_cabinet_budget(  # noqa: E731
            appointment=appointment, by=by, allocations=allocations, reason=reason
        )
    else:
        action = lambda: services.change_cabinet_members(  # noqa: E731
            appointment=appointment, by=by, members=_members_from(post), reason=reason
        )
    _r, response = run_action(
        request,
        action,
        success=_("调整已登记，发榜单位可在榜单页面查看。"),
        redirect_to=reverse("challenges:cabinet", args=[appointment.challenge_id]),
    )
    return response


# ---------------------------------------------------------------- 赛马制 stage gate


@login_required
@require_POST
def stage_result_submit(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("application"), pk=pk)
    # The predicate itself: only the team's lead hands in its result, superusers included.
    authorize(request, leads_the_milestones_team, milestone, missing="404")
    _r, response = run_action(
        request,
        lambda: services.submit_stage_result(
            milestone=milestone,
            by=request.user,
            summary=request.POST.get("summary", ""),
            upload=request.FILES.get("file"),
        ),
        success=_("阶段成果已提交，等待发榜单位验收和专家评审。"),
        redirect_to=milestone.application.get_absolute_url(),
    )
    return response


@login_required
def stage_result_file(request, pk):
    result = get_object_or_404(
        StageResult.objects.select_related("milestone__application", "milestone__challenge"),
        pk=pk,
    )
    authorize(request, "challenges.read_stage_result", result, missing="404")
    return serve_private(result.file, filename=display_name(result.file, result.file_name))


@login_required
@require_http_methods(["GET", "POST"])
def stage_gate_score(request, pk, application_pk):
    assignment = get_object_or_404(
        ExpertAssignment.objects.select_related("challenge"), pk=pk, expert=request.user
    )
    challenge = assignment.challenge
    application = get_object_or_404(
        challenge.applications.exclude(pk__in=assignment.conflicted_applications.values("pk")),
        pk=application_pk,
        award__in=[Award.STAGE_ONE, Award.STAGE_TWO, Award.STAGE_TWO_OUT],
    )
    if not assignment.has_declared:
        return redirect("challenges:assignment", pk=assignment.pk)
    services.ensure_stage_gate_rubric(challenge)
    form, saved = score_form(
        request,
        assignment,
        application,
        phase=Phase.STAGE_GATE,
        service=services.score_stage_results,
    )
    if saved:
        return saved
    return render(
        request,
        "challenges/stage_gate_score.html",
        {
            "assignment": assignment,
            "challenge": challenge,
            "team_label": application.display_name(blind=challenge.blind_review),
            "results": selectors.stage_one_results(application),
            "form": form,
        },
    )


@login_required
def stage_gate(request, pk):
    challenge = get_object_or_404(Challenge, pk=pk)
    authorize(request, "challenges.view_stage_gate", challenge, missing="404")
    return render(
        request,
        "challenges/stage_gate.html",
        {
            "challenge": challenge,
            "board": selectors.stage_gate_board(challenge),
            "can_decide": request.user.has_perm("challenges.decide_stage_gate", challenge),
            "decided": challenge.applications.filter(award=Award.STAGE_TWO).exists(),
        },
    )


@login_required
@require_POST
def stage_gate_decide(request, pk):
    challenge = get_object_or_404(Challenge, pk=pk)
    authorize(request, "challenges.decide_stage_gate", challenge, missing="404")
    winners = list(
        Application.objects.filter(challenge=challenge, pk__in=request.POST.getlist("winners"))
    )
    _r, response = run_action(
        request,
        lambda: services.decide_stage_gate(
            challenge=challenge, by=request.user, winners=winners, note=request.POST.get("note", "")
        ),
        success=_("第二阶段团队已确定。"),
        redirect_to=reverse("challenges:stage_gate", args=[pk]),
    )
    return response
