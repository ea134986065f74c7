"""The negotiation room over WebSocket, against the real Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers, get_channel_layer
from django.conf import settings
from django.core.cache import cache

from brokerage.consumers import RATE_LIMIT, group_name
from brokerage.models import Message, Offer, Stage
from tests.factories import UserFactory

from .factories import EngagementFactory, broker, demand_user, supply_user
from .ws import receive_until, room, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_cache_and_layer():
    # Each test runs its own event loop; the Redis layer's locks belong to one loop.
    channel_layers.backends.clear()
    cache.clear()
    yield
    cache.clear()
    channel_layers.backends.clear()


@pytest.fixture
def deal():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    return engagement, supply_user(engagement), demand_user(engagement)


def test_the_channel_layer_is_redis():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert type(get_channel_layer()).__name__ == "RedisChannelLayer"


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_broker", "staff"])
def test_non_members_are_refused_on_connect(deal, who):
    engagement, _s, _d = deal
    user = {
        "anonymous": lambda: None,
        "stranger": UserFactory,
        "other_broker": broker,
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()

    async def scenario():
        communicator = room(engagement, user)
        connected, _code = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert run(scenario) is False


@pytest.mark.parametrize("who", ["broker", "supply", "demand"])
def test_members_connect_and_get_the_history(deal, who):
    engagement, supplier, buyer = deal
    Message.objects.create(engagement=engagement, sender=supplier, body="您好，我们是成果方。")
    user = {"broker": engagement.lead_broker, "supply": supplier, "demand": buyer}[who]

    async def scenario():
        communicator = room(engagement, user)
        connected, _code = await communicator.connect()
        frame = await receive_until(communicator, "catch_up")
        await communicator.disconnect()
        return connected, frame

    connected, frame = run(scenario)
    assert connected
    assert [m["body"] for m in frame["messages"]] == ["您好，我们是成果方。"]


def test_a_member_who_loses_membership_is_refused_on_the_next_message(deal):
    engagement, supplier, _buyer = deal

    async def scenario():
        communicator = room(engagement, supplier)
        assert (await communicator.connect())[0]
        await receive_until(communicator, "catch_up")
        await sync_to_async(lambda: supplier.memberships.all().delete())()
        await communicator.send_json_to({"action": "message", "body": "还在吗？"})
        frame = await receive_until(communicator, "error")
        closed = await communicator.receive_output(timeout=2)
        await communicator.disconnect()
        return frame, closed

    frame, closed = run(scenario)
    assert frame["code"] == "forbidden"
    assert closed == {"type": "websocket.close", "code": 4403}
    assert not Message.objects.filter(body="还在吗？").exists()


def test_messages_are_saved_before_they_are_broadcast(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        layer = get_channel_layer()
        listener = await layer.new_channel()
        await layer.group_add(group_name(engagement.pk), listener)
        sender = room(engagement, supplier)
        receiver = room(engagement, buyer)
        await sender.connect()
        await receiver.connect()
        await sender.send_json_to({"action": "message", "body": "许可费可以分期支付吗？"})
        while True:
            event = await layer.receive(listener)
            if event["type"] == "room.message":
                break
        # The moment the broadcast exists, the row must already be committed.
        saved = await sync_to_async(
            lambda: (
                Message.objects.filter(pk=event["message"]["id"])
                .values_list("body", flat=True)
                .first()
            )
        )()
        delivered = await receive_until(receiver, "message")
        await layer.group_discard(group_name(engagement.pk), listener)
        await sender.disconnect()
        await receiver.disconnect()
        return event, saved, delivered

    event, saved, delivered = run(scenario)
    assert saved == "许可费可以分期支付吗？"
    assert delivered["message"]["id"] == event["message"]["id"]
    assert delivered["message"]["sender_id"] == supplier.pk


def test_a_refused_message_is_neither_saved_nor_broadcast(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        sender, receiver = room(engagement, supplier), room(engagement, buyer)
        await sender.connect()
        await receiver.connect()
        await receive_until(receiver, "presence")
        await sender.send_json_to({"action": "message", "body": "   "})
        error = await receive_until(sender, "error")
        got_message = not await receiver.receive_nothing(timeout=0.5)
        await sender.disconnect()
        await receiver.disconnect()
        return error, got_message

    error, got_message = run(scenario)
    assert error["code"] == "refused"
    assert got_message is False
    assert Message.objects.count() == 0


def test_a_reconnecting_client_catches_up_from_its_last_message_id(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        first = room(engagement, buyer)
        await first.connect()
        await first.send_json_to({"action": "message", "body": "第一条"})
        seen = (await receive_until(first, "message"))["message"]["id"]
        await first.disconnect()
        # While the buyer is away, the supplier writes twice.
        other = room(engagement, supplier)
        await other.connect()
        for text in ("第二条", "第三条"):
            await other.send_json_to({"action": "message", "body": text})
            await receive_until(other, "message")
        await other.disconnect()
        again = room(engagement, buyer, after=seen)
        await again.connect()
        frame = await receive_until(again, "catch_up")
        await again.disconnect()
        return frame

    frame = run(scenario)
    assert [m["body"] for m in frame["messages"]] == ["第二条", "第三条"]


def test_an_accepted_offer_moves_the_engagement_to_agreed(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        seller, purchaser = room(engagement, supplier), room(engagement, buyer)
        await seller.connect()
        await purchaser.connect()
        await seller.send_json_to(
            {
                "action": "offer",
                "price": "480000",
                "payment_terms": "签约付30%，验收付70%",
                "transfer_mode": "license",
            }
        )
        offer = (await receive_until(purchaser, "message"))["message"]["offer"]
        # The side that made the offer cannot accept it itself.
        await seller.send_json_to(
            {"action": "respond", "offer_id": offer["id"], "response": "accept"}
        )
        refused = await receive_until(seller, "error")
        await purchaser.send_json_to(
            {"action": "respond", "offer_id": offer["id"], "response": "accept"}
        )
        while (system := await receive_until(seller, "message"))["message"]["kind"] != "system":
            pass
        stage = await receive_until(seller, "stage")
        await seller.disconnect()
        await purchaser.disconnect()
        return offer, refused, system, stage

    offer, refused, system, stage = run(scenario)
    assert offer["price"] == "480000.00"
    assert refused["code"] == "refused"
    assert system["message"]["offer"]["status"] == "accepted"
    assert stage["stage"] == Stage.AGREED
    engagement.refresh_from_db()
    assert engagement.stage == Stage.AGREED
    assert engagement.contacts_disclosed
    assert Offer.objects.get(pk=offer["id"]).responded_by == buyer


def test_a_counter_offer_replaces_the_open_one(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        seller, purchaser = room(engagement, supplier), room(engagement, buyer)
        await seller.connect()
        await purchaser.connect()
        await seller.send_json_to(
            {
                "action": "offer",
                "price": "600000",
                "payment_terms": "一次性付清",
                "transfer_mode": "license",
            }
        )
        offer = (await receive_until(purchaser, "message"))["message"]["offer"]
        await purchaser.send_json_to(
            {
                "action": "respond",
                "offer_id": offer["id"],
                "response": "counter",
                "counter": {
                    "price": "450000",
                    "payment_terms": "分两期",
                    "transfer_mode": "license",
                },
            }
        )
        while True:
            frame = (await receive_until(seller, "message"))["message"]
            if frame["kind"] == "offer" and frame["offer"]["counter_of"]:
                break
        counter = frame["offer"]
        await seller.disconnect()
        await purchaser.disconnect()
        return offer, counter

    offer, counter = run(scenario)
    assert Offer.objects.get(pk=offer["id"]).status == Offer.Status.COUNTERED
    assert counter["counter_of"] == offer["id"]
    assert counter["side"] == "demand"
    engagement.refresh_from_db()
    assert engagement.stage == Stage.NEGOTIATING


def test_messages_beyond_the_rate_limit_are_refused(deal):
    engagement, supplier, _buyer = deal

    async def scenario():
        communicator = room(engagement, supplier)
        await communicator.connect()
        for i in range(RATE_LIMIT + 2):
            await communicator.send_json_to({"action": "message", "body": f"消息{i}"})
        frames = []
        for _ in range(RATE_LIMIT + 2):
            frames.append(await receive_until_any(communicator, {"message", "error"}))
        await communicator.disconnect()
        return frames

    frames = run(scenario)
    assert [f["type"] for f in frames].count("message") == RATE_LIMIT
    assert {f["code"] for f in frames if f["type"] == "error"} == {"rate_limited"}
    assert Message.objects.count() == RATE_LIMIT


def test_typing_and_read_receipts_reach_the_other_members(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        a, b = room(engagement, supplier), room(engagement, buyer)
        await a.connect()
        await b.connect()
        while len((presence := await receive_until(a, "presence"))["online"]) < 2:
            pass
        await a.send_json_to({"action": "message", "body": "请查看报价单"})
        message = (await receive_until(b, "message"))["message"]
        await b.send_json_to({"action": "typing"})
        typing = await receive_until(a, "typing")
        await b.send_json_to({"action": "read", "message_id": message["id"]})
        read = await receive_until(a, "read")
        await a.disconnect()
        await b.disconnect()
        return typing, read, message, presence

    typing, read, message, presence = run(scenario)
    assert typing["user_id"] == buyer.pk
    assert read == {"type": "read", "user_id": buyer.pk, "last_read_id": message["id"]}
    assert {p["user_id"] for p in presence["online"]} == {supplier.pk, buyer.pk}


async def receive_until_any(communicator, kinds: set[str], timeout: float = 10) -> dict:
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] in kinds:
            return frame
