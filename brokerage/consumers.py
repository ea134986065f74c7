"""The negotiation room over WebSocket: ws/engagements/<id>/room/?after=<last message id>.

Membership is checked on connect and again on every frame; writes go through the room services
(committed first), and only then is the saved message broadcast to the group.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.cache import cache
from django.utils.translation import gettext as _

from . import selectors, services
from .errors import BrokerageError
from .models import Engagement, Offer
from .serializers import message_json

# At most RATE_LIMIT persisted frames (messages, files, offers) per user per room per window.
RATE_LIMIT = 8
RATE_WINDOW_SECONDS = 10
PRESENCE_TTL = 60 * 60 * 6


def group_name(engagement_id: int) -> str:
    return f"engagement-room-{engagement_id}"


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        self.engagement_id = int(self.scope["url_route"]["kwargs"]["engagement_id"])
        self.group = group_name(self.engagement_id)
        if not await self._is_member():
            await self.close(code=4403)
            return
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        after = _int(_query(self.scope).get("after"), 0)
        await self._send_catch_up(after)
        online = await self._presence(join=True)
        await self.channel_layer.group_send(self.group, {"type": "room.presence", "online": online})

    async def disconnect(self, code):
        if getattr(self, "group", None) and getattr(self, "user", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
            if self.user.is_authenticated:
                online = await self._presence(join=False)
                await self.channel_layer.group_send(
                    self.group, {"type": "room.presence", "online": online}
                )

    async def receive_json(self, content, **kwargs):
        if not await self._is_member():
            await self.send_json({"type": "error", "code": "forbidden", "message": _("无权访问")})
            await self.close(code=4403)
            return
        action = content.get("action") if isinstance(content, dict) else None
        if action == "typing":
            await self.channel_layer.group_send(
                self.group, {"type": "room.typing", "user_id": self.user.pk, "name": str(self.user)}
            )
            return
        if action == "read":
            last = await self._mark_read(_int(content.get("message_id"), 0))
            await self.channel_layer.group_send(
                self.group, {"type": "room.read", "user_id": self.user.pk, "last_read_id": last}
            )
            return
        if action == "catch_up":
            await self._send_catch_up(_int(content.get("after"), 0))
            return
        if action not in ("message", "file", "offer", "respond"):
            await self._error("bad_action", _("无法识别的操作。"))
            return
        if not self._within_rate_limit():
            await self._error("rate_limited", _("发送太频繁，请稍后再试。"))
            return
        try:
            payloads = await self._persist(action, content)
        except BrokerageError as exc:
            await self._error("refused", str(exc))
            return
        for payload in payloads:
            await self.channel_layer.group_send(
                self.group, {"type": "room.message", "message": payload}
            )
        if action == "respond" and content.get("response") == "accept":
            await self.channel_layer.group_send(
                self.group, {"type": "room.stage", "stage": await self._stage()}
            )

    # Group events -> this socket
    async def room_message(self, event):
        await self.send_json({"type": "message", "message": event["message"]})

    async def room_presence(self, event):
        await self.send_json({"type": "presence", "online": event["online"]})

    async def room_typing(self, event):
        if event["user_id"] != self.user.pk:
            await self.send_json(
                {"type": "typing", "user_id": event["user_id"], "name": event["name"]}
            )

    async def room_read(self, event):
        await self.send_json(
            {"type": "read", "user_id": event["user_id"], "last_read_id": event["last_read_id"]}
        )

    async def room_stage(self, event):
        await self.send_json({"type": "stage", "stage": event["stage"]})

    # Helpers
    async def _error(self, code: str, message: str):
        await self.send_json({"type": "error", "code": code, "message": message})

    def _within_rate_limit(self) -> bool:
        key = f"brokerage:rate:{self.engagement_id}:{self.user.pk}"
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)
            count = 1
        return count <= RATE_LIMIT

    async def _send_catch_up(self, after: int):
        messages = await self._messages_after(after)
        await self.send_json({"type": "catch_up", "messages": messages})

    @database_sync_to_async
    def _is_member(self) -> bool:
        if self.user is None or not self.user.is_authenticated:
            return False
        engagement = Engagement.objects.filter(pk=self.engagement_id).first()
        if engagement is None:
            return False
        self.user.refresh_from_db(fields=["is_active"])
        return selectors.is_member(self.user, engagement)

    @database_sync_to_async
    def _messages_after(self, after: int) -> list[dict]:
        return [message_json(m) for m in selectors.messages_after(self.engagement_id, after)]

    @database_sync_to_async
    def _mark_read(self, message_id: int) -> int:
        engagement = Engagement.objects.get(pk=self.engagement_id)
        return services.mark_read(engagement=engagement, message_id=message_id, by=self.user)

    @database_sync_to_async
    def _stage(self) -> str:
        return Engagement.objects.values_list("stage", flat=True).get(pk=self.engagement_id)

    @database_sync_to_async
    def _persist(self, action: str, content: dict) -> list[dict]:
        engagement = Engagement.objects.get(pk=self.engagement_id)
        if action == "message":
            saved = [
                services.post_text(engagement=engagement, body=content.get("body"), by=self.user)
            ]
        elif action == "file":
            saved = [
                services.post_file(
                    engagement=engagement, file_id=_int(content.get("file_id"), 0), by=self.user
                )
            ]
        elif action == "offer":
            saved = [
                services.make_offer(
                    engagement=engagement,
                    price=content.get("price"),
                    payment_terms=str(content.get("payment_terms", "")),
                    transfer_mode=str(content.get("transfer_mode", "")),
                    by=self.user,
                )
            ]
        else:
            offer = Offer.objects.filter(
                pk=_int(content.get("offer_id"), 0), engagement=engagement
            ).first()
            if offer is None:
                raise BrokerageError(_("找不到该报价。"))
            saved = services.respond_to_offer(
                offer=offer,
                response=str(content.get("response", "")),
                by=self.user,
                counter=content.get("counter")
                if isinstance(content.get("counter"), dict)
                else None,
            )
        return [message_json(m) for m in saved]

    @database_sync_to_async
    def _presence(self, *, join: bool) -> list[dict]:
        """Who is online: channel name -> user, kept in the shared cache."""
        key = f"brokerage:presence:{self.engagement_id}"
        online = cache.get(key) or {}
        if join:
            online[self.channel_name] = [self.user.pk, str(self.user)]
        else:
            online.pop(self.channel_name, None)
        cache.set(key, online, timeout=PRESENCE_TTL)
        people = {pk: name for pk, name in online.values()}
        return [{"user_id": pk, "name": name} for pk, name in sorted(people.items())]


def _query(scope) -> dict:
    from urllib.parse import parse_qs

    raw = scope.get("query_string", b"").decode("latin-1")
    return {k: v[0] for k, v in parse_qs(raw).items()}


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
