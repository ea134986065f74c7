"""The staff workflow in the Wagtail admin: one page per challenge with every action it allows."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.authorization import authorize
from core.activity import entries_for

from . import selectors, services
from .errors import ChallengeError
from .models import Application, Challenge, ChallengeStatus, Milestone, Objection
from .panel import other_experts

S = ChallengeStatus


def index(request):
    authorize(request, "challenges.run_workflow")
    groups = [
        (label, Challenge.objects.filter(status=status).select_related("organization"))
        for status, label in S.choices
    ]
    return TemplateResponse(
        request,
        "challenges/admin/index.html",
        {"groups": [(label, qs) for label, qs in groups if qs.exists()]},
    )


def _decimal(value: str) -> Decimal:
    try:
        return Decimal(value or "0")
    except InvalidOperation as exc:
        raise ChallengeError(_("金额格式不正确。")) from exc


def _app(challenge, pk) -> Application:
    return get_object_or_404(Application, pk=pk, challenge=challenge)


def _actions(request, challenge):
    """action name → a callable running the matching service with the posted values."""
    post, by = request.POST, request.user
    user_model = get_user_model()
    return {
        "return": lambda: services.return_challenge(
            challenge=challenge, by=by, reason=post.get("reason", "")
        ),
        "publish": lambda: services.publish_challenge(challenge=challenge, by=by),
        "close": lambda: services.close_challenge(challenge=challenge, by=by),
        "start_review": lambda: services.start_review(challenge=challenge, by=by),
        "assign_expert": lambda: services.assign_expert(
            challenge=challenge,
            expert=get_object_or_404(user_model, pk=post.get("expert")),
            by=by,
        ),
        "remove_expert": lambda: services.remove_expert(
            assignment=get_object_or_404(challenge.assignments, pk=post.get("assignment")), by=by
        ),
        "announce": lambda: services.announce_results(
            challenge=challenge,
            by=by,
            winners=list(challenge.applications.filter(pk__in=post.getlist("winners"))),
            note=post.get("note", ""),
        ),
        "answer_objection": lambda: services.answer_objection(
            objection=get_object_or_404(Objection, pk=post.get("objection"), challenge=challenge),
            by=by,
            answer=post.get("answer", ""),
        ),
        "reopen_review": lambda: services.reopen_review(
            challenge=challenge, by=by, reason=post.get("reason", "")
        ),
        "confirm_award": lambda: services.confirm_award(challenge=challenge, by=by),
        "add_milestone": lambda: services.add_milestone(
            challenge=challenge,
            application=_app(challenge, post.get("application")),
            by=by,
            title=post.get("title", ""),
            deliverables=post.get("deliverables", ""),
            due_date=date.fromisoformat(post.get("due_date") or date.today().isoformat()),
            payout_cny=_decimal(post.get("payout_cny")),
            stage=int(post.get("stage") or 1),
        ),
        "approve_cabinet": lambda: services.approve_cabinet_plan(
            challenge=challenge, by=by, note=post.get("note", "")
        ),
        "decide_stage_gate": lambda: services.decide_stage_gate(
            challenge=challenge,
            by=by,
            winners=list(challenge.applications.filter(pk__in=post.getlist("winners"))),
            note=post.get("note", ""),
        ),
        "start_delivery": lambda: services.start_delivery(challenge=challenge, by=by),
        "award_stage_two": lambda: services.award_stage_two(
            challenge=challenge, by=by, winner=_app(challenge, post.get("application"))
        ),
        "record_payout": lambda: services.record_milestone_payout(
            milestone=get_object_or_404(Milestone, pk=post.get("milestone"), challenge=challenge),
            by=by,
            reference=post.get("reference", ""),
        ),
        "complete": lambda: services.complete_challenge(challenge=challenge, by=by),
        "cancel": lambda: services.cancel_challenge(
            challenge=challenge, by=by, reason=post.get("reason", "")
        ),
        "fail": lambda: services.fail_challenge(
            challenge=challenge, by=by, reason=post.get("reason", "")
        ),
    }


def workflow(request, pk):
    authorize(request, "challenges.run_workflow")
    challenge = get_object_or_404(Challenge.objects.select_related("organization"), pk=pk)
    if request.method == "POST":
        action = _actions(request, challenge).get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("未知操作。"))
        else:
            try:
                action()
            except (ChallengeError, ValueError) as exc:
                messages.error(request, getattr(exc, "message", str(exc)))
            else:
                messages.success(request, _("操作已完成。"))
        return redirect("challenges_admin:workflow", pk=pk)
    suggested = selectors.suggest_experts(challenge)
    return TemplateResponse(
        request,
        "challenges/admin/workflow.html",
        {
            "challenge": challenge,
            "applications": challenge.applications.exclude(status="draft")
            .select_related("lead", "lead_organization")
            .order_by("rank", "submitted_at"),
            "assignments": challenge.assignments.select_related("expert").prefetch_related(
                "reviews"
            ),
            "suggested": suggested,
            "experts": other_experts(challenge, suggested),
            "objections": challenge.objections.all(),
            "milestones": challenge.milestones.select_related("application"),
            "events": entries_for(challenge)[:30],
            "pledges": challenge.pledges.select_related("user"),
            "downloads": challenge.downloads.select_related("user")[:50],
            "awarded": challenge.applications.filter(
                award__in=["winner", "stage_one", "stage_two"]
            ),
            "deposit_ok": services.deposit_requirement_met(challenge),
            "appointment": selectors.live_appointment(challenge),
            "S": S,
        },
    )
