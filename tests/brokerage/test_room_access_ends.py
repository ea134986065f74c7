"""Room sockets end the moment access ends, refuse sign-ins without the second factor, and every
kind of frame is rate limited. Against the real Redis channel layer."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from accounts import services as account_services
from accounts.models import Membership
from brokerage import services
from brokerage.consumers import CLOSE_FORBIDDEN, CLOSE_ROOM_CLOSED, FRAME_BUDGETS, FrameLimiter
from brokerage.models import Stage
from config.asgi import application
from tests.accounts.factories import current_code
from tests.factories import MembershipFactory

from .factories import EngagementFactory, supply_user
from .ws import both_online, drain, frames_until_closed, receive_until, room, run

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_cache_and_layer"),
]

PASSWORD = "pass-1234-word"


def test_a_removed_member_hears_nothing_more_and_is_closed(deal):
    engagement, supplier, buyer = deal
    owner = MembershipFactory(organization=engagement.supply_organization).user
    membership = Membership.objects.get(user=supplier)
    membership.role = Membership.Role.MEMBER
    membership.save()
    # A plain member is a party once an owner or admin of the side adds them.
    services.add_party_member(engagement=engagement, user=supplier, by=owner)

    async def scenario():
        removed, other = room(engagement, supplier), room(engagement, buyer)
        assert (await removed.connect())[0] and (await other.connect())[0]
        await both_online(removed)
        await sync_to_async(account_services.remove_member)(membership=membership, by=owner)
        frames, closed = await frames_until_closed(removed)
        await other.send_json_to({"action": "message", "body": "报价单已更新"})
        await receive_until(other, "message")
        heard = not await removed.receive_nothing(timeout=1)
        await removed.disconnect()
        await other.disconnect()
        return frames, closed, heard

    frames, closed, heard = run(scenario)
    assert [(f["type"], f["code"]) for f in frames] == [("error", "forbidden")]
    assert closed == {"type": "websocket.close", "code": CLOSE_FORBIDDEN}
    assert heard is False


def test_a_deactivated_user_is_closed_at_once(deal):
    engagement, supplier, buyer = deal

    def deactivate():
        supplier.is_active = False
        supplier.save()

    async def scenario():
        deactivated, other = room(engagement, supplier), room(engagement, buyer)
        await deactivated.connect()
        await other.connect()
        await both_online(deactivated)
        await sync_to_async(deactivate)()
        frames, closed = await frames_until_closed(deactivated)
        await other.send_json_to({"action": "message", "body": "还在线吗？"})
        await receive_until(other, "message")
        heard = not await deactivated.receive_nothing(timeout=1)
        await deactivated.disconnect()
        await other.disconnect()
        return frames, closed, heard

    frames, closed, heard = run(scenario)
    assert [f["code"] for f in frames] == ["forbidden"]
    assert closed["code"] == CLOSE_FORBIDDEN
    assert heard is False


def test_the_sides_contact_person_removed_from_the_organization_is_closed_too(deal):
    """Being named the side's contact person is no tie of its own: it speaks for the
    organization only while the person belongs to it."""
    engagement, supplier, buyer = deal
    engagement.supply_contact = supplier
    engagement.save()
    owner = MembershipFactory(organization=engagement.supply_organization).user
    membership = Membership.objects.get(user=supplier)
    membership.role = Membership.Role.MEMBER
    membership.save()

    async def scenario():
        removed, other = room(engagement, supplier), room(engagement, buyer)
        assert (await removed.connect())[0] and (await other.connect())[0]
        await both_online(removed)
        await sync_to_async(account_services.remove_member)(membership=membership, by=owner)
        frames, closed = await frames_until_closed(removed)
        await other.disconnect()
        return frames, closed

    frames, closed = run(scenario)
    assert [(f["type"], f["code"]) for f in frames] == [("error", "forbidden")]
    assert closed["code"] == CLOSE_FORBIDDEN


def test_closing_the_engagement_closes_the_parties_sockets(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        seller, purchaser = room(engagement, supplier), room(engagement, buyer)
        await seller.connect()
        await purchaser.connect()
        await both_online(seller)
        await sync_to_async(services.close_lost)(
            engagement=engagement, reason="price_gap", by=engagement.lead_broker, note="价格谈不拢"
        )
        seller_frames, seller_closed = await frames_until_closed(seller)
        purchaser_frames, purchaser_closed = await frames_until_closed(purchaser)
        again = room(engagement, supplier)
        reconnected, _code = await again.connect()
        for communicator in (seller, purchaser, again):
            await communicator.disconnect()
        return seller_frames, seller_closed, purchaser_frames, purchaser_closed, reconnected

    seller_frames, seller_closed, purchaser_frames, purchaser_closed, reconnected = run(scenario)
    assert seller_closed["code"] == purchaser_closed["code"] == CLOSE_ROOM_CLOSED
    assert [f["code"] for f in seller_frames if f["type"] == "error"] == ["room_closed"]
    kinds = {f["type"] for f in seller_frames + purchaser_frames}
    assert kinds <= {"catch_up", "presence", "error"}
    assert reconnected is False


@pytest.mark.parametrize(
    "frame", [{"action": "typing"}, {"action": "read", "message_id": 0}, {"action": "catch_up"}]
)
def test_floods_of_every_frame_kind_are_throttled(deal, frame):
    engagement, supplier, buyer = deal
    kind = frame["action"]
    limit = FRAME_BUDGETS[kind][0]
    flood = limit + 5

    async def scenario():
        flooder, other = room(engagement, supplier), room(engagement, buyer)
        await flooder.connect()
        await other.connect()
        await both_online(other)
        await receive_until(flooder, "catch_up")
        for _ in range(flood):
            await flooder.send_json_to(frame)
        # The refusals come after the allowed frames are handled; wait for all of them.
        replies = []
        while len([r for r in replies if r["type"] == "error"]) < flood - limit:
            replies.append(await flooder.receive_json_from(timeout=10))
        replies += await drain(flooder)
        heard = await drain(other)
        await flooder.disconnect()
        await other.disconnect()
        return replies, heard

    replies, heard = run(scenario)
    refused = [r for r in replies if r["type"] == "error"]
    assert len(refused) == flood - limit
    assert {r["code"] for r in refused} == {"rate_limited"}
    if kind == "catch_up":
        assert [r["type"] for r in replies].count("catch_up") == limit
    else:
        assert [h["type"] for h in heard].count(kind) == limit


def test_unknown_frames_are_throttled_too(deal):
    engagement, supplier, _buyer = deal
    limit = FRAME_BUDGETS["other"][0]

    async def scenario():
        communicator = room(engagement, supplier)
        await communicator.connect()
        await receive_until(communicator, "catch_up")
        for _ in range(limit + 3):
            await communicator.send_json_to({"action": "nonsense"})
        codes = [(await receive_until(communicator, "error"))["code"] for _ in range(limit + 3)]
        await communicator.disconnect()
        return codes

    codes = run(scenario)
    assert codes == ["bad_action"] * limit + ["rate_limited"] * 3


def test_the_frame_limiter_refills_after_its_window():
    limiter = FrameLimiter({"typing": (2, 10)})
    assert limiter.allow("typing", now=0) and limiter.allow("typing", now=1)
    assert not limiter.allow("typing", now=5)
    assert limiter.allow("typing", now=10.5)


# --- The second factor on the socket ---------------------------------------------------------


def _cookie(sign_in) -> bytes:
    """Signs in through the real pages from a worker thread; returns the session cookie."""
    from django.db import connection

    def call():
        try:
            client = Client()
            sign_in(client)
            return f"sessionid={client.cookies['sessionid'].value}".encode()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def _connects(engagement, cookie: bytes) -> bool:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]

    async def scenario():
        communicator = WebsocketCommunicator(
            application, f"/ws/engagements/{engagement.pk}/room/", headers=headers
        )
        connected, _code = await communicator.connect()
        await communicator.disconnect()
        return connected

    return run(scenario)


def test_a_broker_signed_in_with_the_password_only_cannot_open_the_room_socket(deal):
    engagement, _supplier, _buyer = deal
    broker = engagement.lead_broker
    cookie = _cookie(lambda client: client.login(username=broker.email, password=PASSWORD))
    assert _connects(engagement, cookie) is False


def test_a_broker_who_passed_the_totp_step_opens_the_room_socket(deal):
    engagement, _supplier, _buyer = deal
    broker = engagement.lead_broker

    def sign_in(client):
        client.post("/accounts/login/", {"login": broker.email, "password": PASSWORD})
        client.post("/accounts/2fa/authenticate/", {"code": current_code()})
        assert client.session["_auth_user_id"] == str(broker.pk)

    assert _connects(engagement, _cookie(sign_in)) is True


@pytest.mark.django_db
def test_a_closed_rooms_page_shows_its_record_read_only(client):
    engagement = EngagementFactory(stage=Stage.CLOSED_WON)
    supplier = supply_user(engagement)
    engagement.messages.create(sender=supplier, body="合同已登记，感谢各方。")
    client.force_login(supplier)
    page = client.get(f"/engagements/{engagement.pk}/room/")
    assert page.status_code == 200
    assert [m["body"] for m in page.context["history"]] == ["合同已登记，感谢各方。"]
    assert 'id="room-history"' in page.content.decode()
