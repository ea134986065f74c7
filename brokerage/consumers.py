"""The negotiation room over WebSocket: ws/engagements/<id>/room/?after=<last message id>.

Access (an active room member, the engagement still open, and for brokers a sign-in that passed
the second factor) is checked on connect, on every frame received and on every frame sent out.
A service that ends access (a membership ends, a user is deactivated, the engagement closes)
asks the user's or the room's group to re-check (core.realtime): a socket that lost access
leaves its groups and closes at once. Every frame a client sends is rate limited.
Writes go through the room services (committed first); only then is the message broadcast.
"""

import time
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.middleware import mfa_enforced
from accounts.selectors import mfa_required_for, passed_second_factor
from core.realtime import user_group

from . import selectors, services
from .errors import BrokerageError
from .models import Engagement, Offer
from .realtime import group_name
from .serializers import message_json, message_json_by_language

# At most RATE_LIMIT persisted frames (messages, files, offers) per user per room per window.
RATE_LIMIT = 8
RATE_WINDOW_SECONDS = 10
PRESENCE_TTL = 60 * 60 * 6
WRITE_ACTIONS = ("message", "file", "offer", "respond")
# Every frame a connection sends spends from one budget: (frames, seconds).
FRAME_BUDGETS = {
    "write": (RATE_LIMIT, RATE_WINDOW_SECONDS),
    "typing": (10, 10),
    "read": (20, 10),
    "catch_up": (3, 10),
    "other": (5, 10),
}
# Close codes: no (more) access; the engagement is closed, so the room is too.
CLOSE_FORBIDDEN = 4403
CLOSE_ROOM_CLOSED = 4410


class FrameLimiter:
    """Sliding-window budgets for one connection, one per kind of frame."""

    def __init__(self, budgets: dict[str, tuple[int, float]] = FRAME_BUDGETS):
        self.budgets = budgets
        self.seen: dict[str, deque] = {kind: deque() for kind in budgets}

    def allow(self, kind: str, now: float | None = None) -> bool:
        limit, window = self.budgets[kind]
        now = time.monotonic() if now is None else now
        seen = self.seen[kind]
        while seen and seen[0] <= now - window:
            seen.popleft()
        if len(seen) >= limit:
            return False
        seen.append(now)
        return True


def budget_for(action) -> str:
    if action in WRITE_ACTIONS:
        return "write"
    return action if action in ("typing", "read", "catch_up") else "other"


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        self.engagement_id = int(self.scope["url_route"]["kwargs"]["engagement_id"])
        self.group = group_name(self.engagement_id)
        self.limiter = FrameLimiter()
        self.joined = self.ended = False
        # The language of the page that opened the socket: labels and system lines in it.
        asked = _query(self.scope).get("lang", "")
        self.language = asked if asked in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        if self.user is None or not self.user.is_authenticated:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        # Join first, check second: access ended in between is still heard of.
        self.groups_joined = [self.group, user_group(self.user.pk)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        if refusal := await self._access_refusal(on_connect=True):
            for group in self.groups_joined:
                await self.channel_layer.group_discard(group, self.channel_name)
            await self.close(code=refusal)
            return
        self.joined = True
        await self.accept()
        after = _int(_query(self.scope).get("after"), 0)
        await self._send_catch_up(after)
        online = await self._presence(join=True)
        await self.channel_layer.group_send(self.group, {"type": "room.presence", "online": online})

    async def disconnect(self, code):
        await self._leave()

    async def receive_json(self, content, **kwargs):
        if self.ended:
            return
        action = content.get("action") if isinstance(content, dict) else None
        # Before any database work, so a flood of frames costs nothing but this check.
        if not self.limiter.allow(budget_for(action)):
            await self._error("rate_limited", _("发送太频繁，请稍后再试。"))
            return
        refusal = await self._access_refusal()
        if refusal:
            await self._end(refusal)
            return
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
        if action not in WRITE_ACTIONS:
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

    # Group events -> this socket, each only while access lasts
    async def access_recheck(self, event):
        if not self.ended and (refusal := await self._access_refusal()):
            await self._end(refusal)

    async def room_message(self, event):
        shapes = event["message"]
        message = shapes.get(self.language) or shapes[settings.LANGUAGE_CODE]
        await self._deliver({"type": "message", "message": message})

    async def room_presence(self, event):
        await self._deliver({"type": "presence", "online": event["online"]})

    async def room_typing(self, event):
        if event["user_id"] != self.user.pk:
            await self._deliver(
                {"type": "typing", "user_id": event["user_id"], "name": event["name"]}
            )

    async def room_read(self, event):
        await self._deliver(
            {"type": "read", "user_id": event["user_id"], "last_read_id": event["last_read_id"]}
        )

    async def room_stage(self, event):
        await self._deliver({"type": "stage", "stage": event["stage"]})

    # Access
    async def _deliver(self, frame: dict):
        if self.ended:
            return
        if refusal := await self._access_refusal():
            await self._end(refusal)
            return
        await self.send_json(frame)

    async def _end(self, code: int):
        """Access is gone: leave every group first (nothing more arrives), say why, close."""
        if self.ended:
            return
        self.ended = True
        await self._leave()
        if code == CLOSE_ROOM_CLOSED:
            await self._error("room_closed", _("洽谈已结束，洽谈室已关闭。"))
        else:
            await self._error("forbidden", _("无权访问"))
        await self.close(code=code)

    async def _leave(self):
        if not getattr(self, "joined", False):
            return
        self.joined = False
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        online = await self._presence(join=False)
        await self.channel_layer.group_send(self.group, {"type": "room.presence", "online": online})

    @database_sync_to_async
    def _access_refusal(self, *, on_connect: bool = False) -> int | None:
        """None while this user may use the room, else the close code that says why not."""
        user = self.user
        if user is None or not user.is_authenticated:
            return CLOSE_FORBIDDEN
        engagement = Engagement.objects.filter(pk=self.engagement_id).first()
        if engagement is None:
            return CLOSE_FORBIDDEN
        try:
            user.refresh_from_db(fields=["is_active", "is_staff"])
        except ObjectDoesNotExist:  # the account was deleted
            return CLOSE_FORBIDDEN
        if not selectors.is_member(user, engagement):
            return CLOSE_FORBIDDEN
        if on_connect and not self._signed_in_fully(user):
            return CLOSE_FORBIDDEN
        if not engagement.is_open:
            return CLOSE_ROOM_CLOSED
        return None

    def _signed_in_fully(self, user) -> bool:
        """Brokers (and staff, editors) need a sign-in that passed the second factor."""
        if not mfa_enforced() or not mfa_required_for(user):
            return True
        return passed_second_factor(self.scope["session"], user)

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
    def _messages_after(self, after: int) -> list[dict]:
        with translation.override(self.language):
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
                    on_behalf_of=str(content.get("on_behalf_of") or "") or None,
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
        return [message_json_by_language(m) for m in saved]

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
