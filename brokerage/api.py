"""Member-only JSON endpoints: my engagements and a room's messages (catch-up over HTTP)."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.security import django_auth

from accounts.authorization import authorize

from . import selectors
from .models import Engagement
from .rules import is_room_member
from .serializers import message_json

router = Router(auth=django_auth, tags=["brokerage"])


@router.get("/engagements")
def list_engagements(request):
    return [
        {
            "id": e.pk,
            "title": e.title,
            "stage": e.stage,
            "stage_label": str(e.get_stage_display()),
            "role": selectors.role_in(request.user, e),
        }
        for e in selectors.engagements_for(request.user)
    ]


@router.get("/engagements/{engagement_id}/messages")
def list_messages(request, engagement_id: int, after: int = 0):
    engagement = get_object_or_404(Engagement, pk=engagement_id)
    authorize(request, "brokerage.view_engagement", engagement, missing="404")
    authorize(request, is_room_member, engagement)
    return [message_json(m) for m in selectors.messages_after(engagement.pk, after)]
