from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import events, services
from .models import EmailPreference, Notification
from .selectors import notifications_for


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page})


@login_required
@require_POST
def read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.mark_read(notification=notification, by=request.user)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "notifications:list"
    return redirect(target)


@login_required
@require_POST
def read_all(request):
    services.mark_all_read(user=request.user)
    messages.success(request, _("全部消息已标为已读"))
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = {p.event: p.email for p in EmailPreference.objects.filter(user=request.user)}
    rows = [
        {"event": code, "label": label, "email": current.get(code, default)}
        for code, (label, default) in events.EVENTS.items()
    ]
    if request.method == "POST":
        chosen = set(request.POST.getlist("email"))
        services.set_email_preferences(
            user=request.user, choices={code: code in chosen for code in events.EVENTS}
        )
        messages.success(request, _("邮件通知设置已保存"))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"rows": rows})
