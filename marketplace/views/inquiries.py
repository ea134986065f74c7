"""我收到的意向: the owner's inbox of inquiries on their listings, and each inquiry's conversation
(the inquirer, the listing's managers and an assigned broker read it; the first two write)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.http import run_action, safe_next

from .. import selectors, services
from ..models import Inquiry
from ..rules import can_reply_inquiry, can_view_inquiry

PAGE_SIZE = 20


@login_required
def inquiry_list(request):
    inquiries = selectors.inquiries_for_owner(request.user)
    counts = dict(inquiries.order_by().values_list("status").annotate(n=Count("id")))
    status = request.GET.get("status", "")
    if status in Inquiry.Status.values:
        inquiries = inquiries.filter(status=status)
    else:
        status = ""
    page = Paginator(inquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "marketplace/inquiries.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": [(v, label, counts.get(v, 0)) for v, label in Inquiry.Status.choices],
            "total": sum(counts.values()),
        },
    )


@login_required
@require_POST
def inquiry_status(request, pk: int):
    inquiry = get_object_or_404(
        Inquiry.objects.select_related("achievement__organization", "need__organization"), pk=pk
    )
    new_status = request.POST.get("status", "")
    try:
        services.set_inquiry_status(inquiry=inquiry, by=request.user, status=new_status)
    except services.ListingActionRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("已标记为“%(status)s”") % {"status": inquiry.get_status_display()}
        )
    return redirect(safe_next(request, "marketplace:inquiries"))


def _visible_inquiry(request, pk: int) -> Inquiry:
    inquiry = get_object_or_404(
        Inquiry.objects.select_related(
            "user", "organization", "achievement__organization", "need__organization"
        ),
        pk=pk,
    )
    # Others are not told the inquiry exists.
    authorize(request, can_view_inquiry, inquiry, missing="404")
    return inquiry


@login_required
def inquiry_thread(request, pk: int):
    inquiry = _visible_inquiry(request, pk)
    user = request.user
    return render(
        request,
        "marketplace/inquiry_thread.html",
        {
            "q": inquiry,
            "replies": inquiry.replies.select_related("author"),
            "can_reply": can_reply_inquiry(user, inquiry),
            "is_owner": user.has_perm("marketplace.change_listing", inquiry.listing)
            and not inquiry.user_id == user.pk,
            "max_chars": services.engagement.MAX_REPLY_CHARS,
        },
    )


@login_required
@require_POST
def inquiry_reply(request, pk: int):
    inquiry = _visible_inquiry(request, pk)
    _reply, response = run_action(
        request,
        lambda: services.reply_to_inquiry(
            inquiry=inquiry, by=request.user, body=request.POST.get("body", "")
        ),
        success=_("回复已发送，对方会收到站内通知。"),
        redirect_to=reverse("marketplace:inquiry", args=[pk]),
    )
    return response
