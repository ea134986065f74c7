"""我收到的意向: the owner's inbox of inquiries on their listings, where they change the status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import safe_next

from .. import selectors, services
from ..models import Inquiry

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
            "querystring": f"status={status}" if status else "",
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
