"""Public pages: the challenge list by tab, a challenge, and its announcement (公示)."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import ObjectionForm
from ..models import ChallengeStatus
from ..rules import is_challenge_manager, is_chief_scientist, may_pledge
from .common import run

TAB_LABELS = {  # lazy: built at import time, translated per request
    "open": gettext_lazy("征集中"),
    "review": gettext_lazy("评审中"),
    "announced": gettext_lazy("已揭榜"),
    "completed": gettext_lazy("已完成"),
}


def challenge_list(request):
    tab = request.GET.get("tab", "open")
    if tab not in selectors.TABS:
        tab = "open"
    counts = selectors.tab_counts()
    tabs = [(key, label, counts[key]) for key, label in TAB_LABELS.items()]
    return render(
        request,
        "challenges/list.html",
        {
            "tab": tab,
            "tabs": tabs,
            "challenges": selectors.challenges_in_tab(tab)[:60],
        },
    )


def _get(request, pk):
    challenge = selectors.challenge_visible_to(user=request.user, pk=pk)
    if challenge is None:
        raise Http404
    return challenge


def challenge_detail(request, pk):
    challenge = _get(request, pk)
    show_results = challenge.status in (
        ChallengeStatus.ANNOUNCED,
        ChallengeStatus.AWARDED,
        ChallengeStatus.IN_PROGRESS,
        ChallengeStatus.COMPLETED,
    )
    return render(
        request,
        "challenges/detail.html",
        {
            "challenge": challenge,
            "indicators": challenge.indicators.all(),
            "rubric": selectors.rubric_of(challenge),
            "my_application": selectors.application_for(user=request.user, challenge=challenge),
            "can_manage": is_challenge_manager(request.user, challenge),
            "is_chief": is_chief_scientist(request.user, challenge),
            # 组阁制: route, budget and member changes, for the owner (and the chief) to follow.
            "cabinet_trail": selectors.cabinet_trail(challenge)
            if request.user.has_perm("challenges.view_cabinet", challenge)
            else [],
            "can_read_attachment": request.user.has_perm("challenges.read_attachment", challenge),
            "may_pledge": may_pledge(request.user, challenge),
            "pledge_text": services.pledge_text(challenge),
            "show_results": show_results,
            "milestones": challenge.milestones.select_related("application")
            if show_results
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def announcement(request, pk):
    challenge = _get(request, pk)
    if challenge.announced_at is None:
        raise Http404
    form = ObjectionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            _result, response = run(
                request,
                lambda: services.file_objection(
                    challenge=challenge, by=request.user, content=form.cleaned_data["content"]
                ),
                success=_("异议已提交，平台将在公示期内核查并答复。"),
                redirect_to=request.path,
            )
            return response
    rubric = list(selectors.rubric_of(challenge))
    return render(
        request,
        "challenges/announcement.html",
        {
            "challenge": challenge,
            "results": selectors.announced_results(challenge),
            "rubric": rubric,
            "objections": challenge.objections.all(),
            "form": form,
        },
    )
