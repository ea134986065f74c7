"""我的工作台: the signed-in user's organizations, listings and inquiries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors


@login_required
def dashboard(request):
    orgs = selectors.user_organizations(request.user)
    context = {
        "memberships": selectors.user_memberships(request.user),
        "achievements": selectors.org_achievements(orgs),
        "needs": selectors.org_needs(orgs),
        "inquiries_received": selectors.inquiries_received(orgs)[:20],
        "inquiries_sent": selectors.inquiries_sent(request.user)[:20],
        "favourites": selectors.favourites(request.user)[:20],
        "annex_requests": selectors.pending_annex_requests(orgs),
    }
    return render(request, "marketplace/dashboard.html", context)
