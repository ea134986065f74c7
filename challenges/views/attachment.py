"""The challenge attachment: downloaded only through here, by whom `read_attachment` allows,
each download logged; and the 保密承诺 applicants accept before a 涉密 attachment opens."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services.audit import client_ip
from core.files import PrivateStorage, serve_private
from core.http import run_action

from .. import selectors, services


def attachment_download(request, pk):
    challenge = selectors.challenge_visible_to(user=request.user, pk=pk)
    if challenge is None or not challenge.attachment:
        raise Http404
    if not request.user.has_perm("challenges.read_attachment", challenge):
        raise PermissionDenied
    services.record_attachment_download(
        challenge=challenge, by=request.user, ip_address=client_ip(request)
    )
    field = challenge.attachment
    filename = os.path.basename(field.name)
    if isinstance(field.storage, PrivateStorage):
        return serve_private(field, filename=filename)
    field.open("rb")
    response = FileResponse(field, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


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
