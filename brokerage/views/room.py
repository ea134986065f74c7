"""The negotiation room page and its file upload/download (the chat itself is WebSocket)."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from core.files import serve_private
from core.http import run_action
from marketplace.models import TransferMode

from .. import selectors, services
from ..errors import BrokerageError
from ..models import Engagement, RoomFile, Side, Stage
from ..rules import is_room_member
from ..serializers import message_json


def _member_engagement(request, pk: int) -> Engagement:
    engagement = get_object_or_404(Engagement.objects.select_related("industry"), pk=pk)
    # Strangers learn nothing (404); staff, who oversee the engagement, are refused the room (403).
    authorize(request, "brokerage.view_engagement", engagement, missing="404")
    authorize(request, is_room_member, engagement)
    return engagement


@login_required
def room(request, pk: int):
    engagement = _member_engagement(request, pk)
    band = None
    if engagement.stage in (Stage.CONTACTED, Stage.NEGOTIATING):
        band = selectors.price_band(
            industry_id=engagement.industry_id, transfer_mode=engagement.transfer_mode
        )
    return render(
        request,
        "brokerage/room.html",
        {
            "engagement": engagement,
            "role": selectors.role_in(request.user, engagement),
            "my_side": selectors.side_of(request.user, engagement),
            "band": band,
            "band_min_deals": selectors.PRICE_BAND_MIN_DEALS,
            "transfer_modes": TransferMode.choices,
            "sides": Side.choices,
            "broker_offer_sides": selectors.broker_offer_sides(engagement),
            "broker_may_table": selectors.broker_may_table_offers(engagement),
            # A closed engagement has no live room (its socket is refused): the record is shown.
            "history": None
            if engagement.is_open
            else [message_json(m) for m in selectors.messages_after(engagement.pk)],
        },
    )


@login_required
@require_POST
def upload_room_file(request, pk: int):
    """Step one of a file message: validate and store; the client then sends {action: file}."""
    engagement = _member_engagement(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("请选择文件。")}, status=400)
    try:
        room_file = services.upload_room_file(engagement=engagement, upload=upload, by=request.user)
    except BrokerageError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"id": room_file.pk, "name": room_file.original_name}, status=201)


@login_required
def download_room_file(request, pk: int, file_id: int):
    engagement = _member_engagement(request, pk)
    room_file = get_object_or_404(RoomFile, pk=file_id, engagement=engagement)
    return serve_private(room_file.file, filename=room_file.original_name)


@login_required
@require_POST
def broker_offers(request, pk: int):
    """A party gives (allow=1) or withdraws (allow=0) its side's permission for the brokers to
    table offers in its name."""
    engagement = _member_engagement(request, pk)
    if request.POST.get("allow") == "1":
        action = lambda: services.allow_broker_offers(engagement=engagement, by=request.user)  # noqa: E731
        success = _("已授权经纪人代我方报价。")
    else:
        action = lambda: services.revoke_broker_offers(engagement=engagement, by=request.user)  # noqa: E731
        success = _("已撤回经纪人代为报价的授权。")
    _result, response = run_action(
        request, action, success=success, redirect_to=reverse("brokerage:room", args=[pk])
    )
    return response
