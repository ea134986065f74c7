"""我的工作台: what waits for the user (the work queue every app contributes to through
core.work), then their organizations, listings and inquiries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.work import work_for

from .. import selectors
from ..models import Inquiry
from ..publishing import publishing_blocker


@login_required
def dashboard(request):
    memberships = list(selectors.user_memberships(request.user))  # read once, used twice
    orgs = [membership.organization for membership in memberships]
    received = selectors.inquiries_for_owner(request.user)
    work = work_for(request.user)
    context = {
        "work_items": [item for item in work if not item.is_entry],
        "work_entries": [item for item in work if item.is_entry],
        "memberships": memberships,
        "achievements": selectors.org_achievements(orgs),
        "needs": selectors.org_needs(orgs),
        "inquiries_received": received[:5],
        "inquiries_new": received.filter(status=Inquiry.Status.NEW).count(),
        "inquiries_sent": selectors.inquiries_sent(request.user)[:20],
        "favourites": selectors.favourites(request.user)[:20],
        "annex_requests": selectors.pending_annex_requests(orgs),
        "publishing_blocker": publishing_blocker(request.user, orgs),
    }
    return render(request, "marketplace/dashboard.html", context)
