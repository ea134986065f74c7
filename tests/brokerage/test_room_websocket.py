"""The negotiation room over WebSocket, against the real Redis channel layer."""

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from brokerage import services
from brokerage.consumers import RATE_LIMIT, group_name
from brokerage.errors import NotAllowed
from brokerage.models import BrokerOfferConsent, Message, Offer, Stage
from tests.factories import UserFactory

from .factories import EngagementFactory, broker
from .ws import receive_until, receive_until_any, room, run

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_cache_and_layer"),
]


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
        # The moment the broadcast exists (one shape per language), the row must already be
        # committed.
        shapes = event["message"]
        assert set(shapes) == {code for code, _name in settings.LANGUAGES}
        saved = await sync_to_async(
            lambda: (
                Message.objects.filter(pk=shapes[settings.LANGUAGE_CODE]["id"])
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
    assert delivered["message"]["id"] == event["message"][settings.LANGUAGE_CODE]["id"]
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


def _offer_frame(price: str, **extra) -> dict:
    return {
        "action": "offer",
        "price": price,
        "payment_terms": "一次性付清",
        "transfer_mode": "license",
        **extra,
    }


async def _offer_then_counter(seller, purchaser):
    """The seller offers ¥300,000; the buyer counters with ¥250,000 once the offer arrives."""
    await seller.send_json_to(_offer_frame("300000"))
    offer = (await receive_until(purchaser, "message"))["message"]
    counter = {"price": "250000", "payment_terms": "分两期", "transfer_mode": "license"}
    await purchaser.send_json_to(
        {"action": "respond", "offer_id": offer["offer"]["id"], "response": "counter"}
        | {"counter": counter}
    )


def test_a_counter_offer_arrives_after_its_system_line_in_sequence_order(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        seller, purchaser = room(engagement, supplier), room(engagement, buyer)
        await seller.connect()
        await purchaser.connect()
        await _offer_then_counter(seller, purchaser)
        arrived = [(await receive_until(seller, "message"))["message"] for _ in range(3)]
        await seller.disconnect()
        await purchaser.disconnect()
        return arrived

    first_offer, system, counter = run(scenario)
    assert [m["seq"] for m in (first_offer, system, counter)] == [1, 2, 3]
    assert system["id"] < counter["id"]
    assert [system["kind"], counter["kind"]] == ["system", "offer"]
    assert "还价 ¥250,000.00（原报价 ¥300,000.00）" in system["body"]
    assert system["offer"]["status"] == "countered"
    assert counter["offer"]["price"] == "250000.00"


def test_each_side_reads_the_system_line_and_labels_in_the_language_of_its_page(deal):
    engagement, supplier, buyer = deal

    async def scenario():
        seller = room(engagement, supplier, lang="en")
        purchaser = room(engagement, buyer, lang="zh-hans")
        await seller.connect()
        await purchaser.connect()
        await _offer_then_counter(seller, purchaser)
        english = [(await receive_until(seller, "message"))["message"] for _ in range(3)]
        chinese = [(await receive_until(purchaser, "message"))["message"] for _ in range(2)]
        await seller.disconnect()
        await purchaser.disconnect()
        late = room(engagement, supplier, lang="en", after=0)  # history, in English too
        await late.connect()
        history = (await receive_until(late, "catch_up"))["messages"]
        await late.disconnect()
        return english, chinese, history

    english, chinese, history = run(scenario)
    assert "countered with ¥250,000.00 (original quote ¥300,000.00)" in english[1]["body"]
    assert english[1]["offer"]["status_label"] == "Countered"
    assert english[2]["offer"]["side_label"] == "Buyer"
    assert "还价 ¥250,000.00（原报价 ¥300,000.00）" in chinese[0]["body"]
    assert chinese[1]["offer"]["side_label"] == "需求方"
    assert "countered with" in history[1]["body"]
    stored = Message.objects.get(kind=Message.Kind.SYSTEM, engagement=engagement)
    assert "还价 ¥250,000.00" in stored.body  # the record itself stays in Chinese


def test_room_messages_are_numbered_without_holes_per_room(deal):
    engagement, supplier, buyer = deal
    other = EngagementFactory(stage=Stage.NEGOTIATING)
    for body in ("一", "二"):
        Message.objects.create(engagement=engagement, sender=supplier, body=body)
        Message.objects.create(engagement=other, sender=supplier, body=body)
    assert list(engagement.messages.values_list("seq", flat=True)) == [1, 2]
    assert list(other.messages.values_list("seq", flat=True)) == [1, 2]


def _broker_offers(engagement, broker_user, frame):
    async def scenario():
        communicator = room(engagement, broker_user)
        await communicator.connect()
        await communicator.send_json_to(frame)
        reply = await receive_until_any(communicator, {"message", "error"})
        await communicator.disconnect()
        return reply

    return run(scenario)


@pytest.mark.parametrize("allowed_by", [(), ("supply",), ("demand",)])
def test_a_broker_cannot_table_an_offer_unless_both_sides_allow_it(deal, allowed_by):
    engagement, supplier, buyer = deal
    for side in allowed_by:
        services.allow_broker_offers(
            engagement=engagement, by={"supply": supplier, "demand": buyer}[side]
        )
    reply = _broker_offers(
        engagement, engagement.lead_broker, _offer_frame("400000", on_behalf_of="supply")
    )
    assert reply["type"] == "error" and reply["code"] == "refused"
    assert not Offer.objects.exists()


def test_a_broker_tables_an_offer_in_a_sides_name_once_both_allow_it(deal):
    engagement, supplier, buyer = deal
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    reply = _broker_offers(
        engagement, engagement.lead_broker, _offer_frame("400000", on_behalf_of="supply")
    )
    assert reply["type"] == "message"
    assert reply["message"]["offer"]["side"] == "supply"
    assert reply["message"]["offer"]["by_broker"] is True
    offer = Offer.objects.get()
    assert (offer.made_by, offer.side) == (engagement.lead_broker, "supply")
    # The other side answers it; the side it speaks for cannot accept its own offer.
    with pytest.raises(NotAllowed):
        services.respond_to_offer(offer=offer, response="accept", by=supplier)
    services.respond_to_offer(offer=offer, response="accept", by=buyer)


def test_a_broker_offer_without_a_side_is_refused(deal):
    engagement, supplier, buyer = deal
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    reply = _broker_offers(engagement, engagement.lead_broker, _offer_frame("400000"))
    assert reply["code"] == "refused"
    assert not Offer.objects.exists()


def test_a_revoked_permission_refuses_the_brokers_next_offer(deal):
    engagement, supplier, buyer = deal
    services.allow_broker_offers(engagement=engagement, by=supplier)
    services.allow_broker_offers(engagement=engagement, by=buyer)
    services.revoke_broker_offers(engagement=engagement, by=buyer)
    reply = _broker_offers(
        engagement, engagement.lead_broker, _offer_frame("400000", on_behalf_of="demand")
    )
    assert reply["code"] == "refused"
    assert not Offer.objects.exists()


def test_only_a_party_gives_or_revokes_the_permission(deal):
    engagement, _supplier, _buyer = deal
    for outsider in (engagement.lead_broker, UserFactory()):
        with pytest.raises(NotAllowed):
            services.allow_broker_offers(engagement=engagement, by=outsider)
        with pytest.raises(NotAllowed):
            services.revoke_broker_offers(engagement=engagement, by=outsider)
    assert not BrokerOfferConsent.objects.exists()
