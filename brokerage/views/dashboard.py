"""The broker's own pages: pipeline board, claimable inquiries; staff assignment."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from accounts.models import BrokerProfile
from marketplace.models import Inquiry

from .. import selectors, services
from ..errors import BrokerageError
from ..models import Task
from ..rules import is_broker_or_leads_engagements


@login_required
def broker_dashboard(request):
    # The predicate itself: a superuser who is no broker has no commissions to see.
    authorize(request, is_broker_or_leads_engagements)
    lines, total = selectors.commissions_of(request.user)
    mine = selectors.brokered_by(request.user)
    return render(
        request,
        "brokerage/broker_dashboard.html",
        {
            "board": selectors.pipeline_board(request.user),
            "overdue": [e for e in mine if e.is_overdue],
            "tasks": Task.objects.filter(
                engagement__in=mine, done_at__isnull=True, assignee=request.user
            ).select_related("engagement"),
            "today": timezone.localdate(),
            "commissions": lines,
            "commission_total": total,
            "certified": selectors.certified_broker(request.user) is not None,
            "claimable_count": selectors.claimable_inquiries(request.user).count(),
        },
    )


@login_required
def my_engagements(request):
    """Parties (and brokers) list the engagements they take part in; staff, with
    `?awaiting=registration`, the contracts waiting for 认定登记 (their work queue links here)."""
    awaiting = request.GET.get("awaiting") == "registration" and request.user.has_perm(
        "brokerage.register_contract"
    )
    engagements = (
        selectors.awaiting_registration() if awaiting else selectors.engagements_for(request.user)
    )
    return render(
        request,
        "brokerage/my_engagements.html",
        {"engagements": engagements, "awaiting_registration": awaiting},
    )


@login_required
def inquiries(request):
    """Certified brokers see inquiries of their industries; staff see all open ones to assign."""
    authorize(request, "brokerage.view_inquiry_pool")
    staff_view = request.user.has_perm("brokerage.assign_inquiry")
    if staff_view:
        rows = Inquiry.objects.filter(
            status=Inquiry.Status.NEW, engagements__isnull=True
        ).select_related("achievement", "need", "user")
        brokers = BrokerProfile.objects.filter(
            certification_status=BrokerProfile.Certification.CERTIFIED
        ).select_related("user")
    else:
        rows, brokers = selectors.claimable_inquiries(request.user), []
    return render(
        request,
        "brokerage/inquiries.html",
        {"inquiries": rows, "brokers": brokers, "staff_view": staff_view},
    )


@login_required
@require_POST
def claim(request, inquiry_id: int):
    inquiry = get_object_or_404(Inquiry, pk=inquiry_id)
    try:
        if request.POST.get("broker") and request.user.has_perm("brokerage.assign_inquiry"):
            broker = get_object_or_404(get_user_model(), pk=request.POST["broker"])
            engagement = services.assign_inquiry(inquiry=inquiry, broker=broker, by=request.user)
        else:
            engagement = services.claim_inquiry(inquiry=inquiry, by=request.user)
    except BrokerageError as exc:
        messages.error(request, str(exc))
        return redirect("brokerage:inquiries")
    messages.success(request, _("已承接，经纪项目已建立。"))
    return redirect(engagement.get_absolute_url())
