"""The challenge attachment: downloaded only through here, by whom `read_attachment` allows,
each download logged; and the 保密承诺 applicants accept before a 涉密 attachment opens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from accounts.services.audit import client_ip
from core.files import display_name, serve_private
from core.http import run_action

from .. import selectors, services


def attachment_download(request, pk):
    challenge = selectors.challenge_visible_to(user=request.user, pk=pk)
    if challenge is None or not challenge.attachment:
        raise Http404
    if not request.user.is_authenticated and not request.user.has_perm(
        "challenges.read_attachment", challenge
    ):
        return redirect_to_login(request.get_full_path())
    # The challenge is visible to the caller (public, or theirs): refused, not hidden.
    authorize(request, "challenges.read_attachment", challenge)
    services.record_attachment_download(
        challenge=challenge, by=request.user, ip_address=client_ip(request)
    )
    return serve_private(
        challenge.attachment, filename=display_name(challenge.attachment, challenge.attachment_name)
    )


@login_required
@require_POST
def accept_pledge(request, pk):
    challenge = selectors.challenge_visible_to(user=request.user, pk=pk)
    if challenge is None:
        raise Http404
    if request.POST.get("accept") != "on":
        messages.error(request, _("请勾选“我已阅读并接受保密承诺”。"))
        return redirect(challenge)
    _result, response = run_action(
        request,
        lambda: services.accept_confidentiality_pledge(
            challenge=challenge, by=request.user, ip_address=client_ip(request)
        ),
        success=_("已签署保密承诺，可以下载榜单附件。"),
        redirect_to=challenge.get_absolute_url(),
    )
    return response
