"""Negotiation room writes. Every message is committed here before anyone broadcasts it."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.contacts import mask_contacts
from marketplace.models import TransferMode
from notifications.messages import render_source, source, store_params

from .. import selectors
from ..errors import BrokerageError, NotAllowed
from ..models import (
    BrokerOfferConsent,
    Engagement,
    Message,
    Offer,
    ReadPosition,
    RoomFile,
    Side,
    Stage,
)
from ..validators import validate_document
from .engagements import _move, _record, mark_agreed

MAX_MESSAGE_CHARS = 2000
OFFER_STAGES = (Stage.CONTACTED, Stage.NEGOTIATING)


def _require_member(engagement: Engagement, by) -> str:
    role = selectors.role_in(by, engagement)
    if role not in ("broker", Side.SUPPLY, Side.DEMAND):
        raise NotAllowed(_("您不是该洽谈室的成员。"))
    return role


def _as_party_writes(engagement: Engagement, text: str, role) -> str:
    """What a party typed (message, offer terms, file name) as the other side may read it:
    masked until the contacts are disclosed; brokers' text is never masked."""
    engagement.refresh_from_db(fields=["contacts_disclosed_at"])
    if role == "broker" or engagement.contacts_disclosed:
        return text
    return mask_contacts(text)


def _append(engagement: Engagement, **fields) -> Message:
    """Every room message is created here; Message.save gives it the room's next seq."""
    return Message.objects.create(engagement=engagement, **fields)


@transaction.atomic
def post_text(*, engagement: Engagement, body: str, by) -> Message:
    role = _require_member(engagement, by)
    body = (body or "").strip()
    if not body:
        raise BrokerageError(_("消息不能为空。"))
    if len(body) > MAX_MESSAGE_CHARS:
        raise BrokerageError(_("消息太长（最多 %(n)s 字）。") % {"n": MAX_MESSAGE_CHARS})
    body = _as_party_writes(engagement, body, role)
    return _append(engagement, sender=by, body=body)


@transaction.atomic
def upload_room_file(*, engagement: Engagement, upload, by) -> RoomFile:
    role = _require_member(engagement, by)
    try:
        validate_document(upload)
    except ValidationError as exc:
        raise BrokerageError(" ".join(exc.messages)) from exc
    name = _as_party_writes(engagement, upload.name.rsplit("/", 1)[-1], role)
    return RoomFile.objects.create(
        engagement=engagement,
        file=upload,
        original_name=name[:200],
        size=upload.size,
        uploaded_by=by,
    )


@transaction.atomic
def post_file(*, engagement: Engagement, file_id: int, by) -> Message:
    _require_member(engagement, by)
    room_file = RoomFile.objects.filter(pk=file_id, engagement=engagement, uploaded_by=by).first()
    if room_file is None:
        raise BrokerageError(_("找不到该文件。"))
    return _append(
        engagement,
        sender=by,
        kind=Message.Kind.FILE,
        body=room_file.original_name,
        file=room_file,
    )


def _parse_price(value) -> Decimal:
    try:
        price = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise BrokerageError(_("请填写有效的价格。")) from exc
    if price <= 0 or price >= Decimal("1e12"):
        raise BrokerageError(_("请填写有效的价格。"))
    return price


def _offering_side(engagement: Engagement, by, on_behalf_of) -> tuple[str, bool]:
    """(the side the offer speaks for, whether a broker tables it). A party offers for its own
    side; a broker of the engagement only in a side's name and only while both sides allow it."""
    side = selectors.side_of(by, engagement)
    if side is not None:
        return side, False
    if not selectors.is_broker_on(by, engagement):
        raise NotAllowed(_("只有项目双方可以报价。"))
    if not selectors.broker_may_table_offers(engagement):
        raise NotAllowed(_("双方都同意后，经纪人才能代为报价。"))
    if on_behalf_of not in Side.values:
        raise BrokerageError(_("请选择代哪一方报价。"))
    return on_behalf_of, True


@transaction.atomic
def make_offer(
    *,
    engagement: Engagement,
    price,
    payment_terms: str,
    transfer_mode: str,
    by,
    counter_of=None,
    on_behalf_of: str | None = None,
) -> Message:
    """A party's structured offer, or a broker's in a side's name (on_behalf_of, when both sides
    allow it); the first offer in 对接 opens 洽谈."""
    side, by_broker = _offering_side(engagement, by, on_behalf_of)
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.stage not in OFFER_STAGES:
        raise BrokerageError(_("当前阶段不能报价。"))
    if transfer_mode not in TransferMode.values:
        raise BrokerageError(_("请选择转化方式。"))
    terms = (payment_terms or "").strip()
    if not terms:
        raise BrokerageError(_("请填写付款方式。"))
    price = _parse_price(price)
    if engagement.stage == Stage.CONTACTED:
        engagement = _move(engagement, method="negotiate", by=by, note=_("一方发出报价"))
    # Only one offer is open at a time: a new one replaces the previous open one.
    engagement.offers.filter(status=Offer.Status.OPEN).exclude(
        pk=getattr(counter_of, "pk", None)
    ).update(status=Offer.Status.SUPERSEDED)
    offer = Offer.objects.create(
        engagement=engagement,
        made_by=by,
        side=side,
        by_broker=by_broker,
        price_cny=price,
        payment_terms=_as_party_writes(engagement, terms, "broker" if by_broker else side)[:300],
        transfer_mode=transfer_mode,
        counter_of=counter_of,
    )
    return _append(engagement, sender=by, kind=Message.Kind.OFFER, offer=offer)


def _yuan(amount) -> str:
    return f"{amount:,.2f}"


def _response_line(response: str, who: str, offer: Offer, counter_price) -> tuple:
    """The system line for an answer, naming the price it is about: for a counter, the new
    price (and the one it answers). (source message, parameters)."""
    params = {"who": who, "price": _yuan(offer.price_cny)}
    if response == "counter":
        params = {**params, "price": _yuan(counter_price), "old": _yuan(offer.price_cny)}
        return gettext_lazy("%(who)s还价 ¥%(price)s（原报价 ¥%(old)s）"), params
    if response == "accept":
        return gettext_lazy("%(who)s接受了报价 ¥%(price)s"), params
    return gettext_lazy("%(who)s拒绝了报价 ¥%(price)s"), params


@transaction.atomic
def respond_to_offer(
    *, offer: Offer, response: str, by, counter: dict | None = None
) -> list[Message]:
    """accept | decline | counter, by the other side only. Accepting moves the deal to 签约.

    Returns the messages in the order they were written (the system line first, then a counter
    offer), which is the order they are broadcast and shown in."""
    offer = Offer.objects.select_for_update().select_related("engagement").get(pk=offer.pk)
    engagement = offer.engagement
    side = selectors.side_of(by, engagement)
    if side is None or side == offer.side:
        raise NotAllowed(_("只有对方可以答复该报价。"))
    if offer.status != Offer.Status.OPEN:
        raise BrokerageError(_("该报价已答复或已失效。"))
    if response not in ("accept", "decline", "counter"):
        raise BrokerageError(_("无效的答复。"))
    counter = counter or {}
    counter_price = _parse_price(counter.get("price")) if response == "counter" else None
    status = {
        "accept": Offer.Status.ACCEPTED,
        "decline": Offer.Status.DECLINED,
        "counter": Offer.Status.COUNTERED,
    }[response]
    offer.status, offer.responded_by, offer.responded_at = status, by, timezone.now()
    offer.save(update_fields=["status", "responded_by", "responded_at"])
    line, params = _response_line(response, selectors.party_name(by), offer, counter_price)
    text = render_source(source(line), params)
    system = _append(
        engagement,
        sender=by,
        kind=Message.Kind.SYSTEM,
        body=text,
        body_key=source(line),
        params=store_params(params),
        offer=offer,
    )
    messages = [system]
    if response == "counter":
        messages.append(
            make_offer(
                engagement=engagement,
                price=counter_price,
                payment_terms=counter.get("payment_terms", ""),
                transfer_mode=counter.get("transfer_mode", offer.transfer_mode),
                by=by,
                counter_of=offer,
            )
        )
    if response == "accept":
        if offer.transfer_mode and not engagement.transfer_mode:
            Engagement.objects.filter(pk=engagement.pk).update(transfer_mode=offer.transfer_mode)
        mark_agreed(engagement=engagement, by=by, note=text, check=False)
    return messages


def _speaking_side(engagement: Engagement, by) -> str:
    side = selectors.side_of(by, engagement)
    if side is None:
        raise NotAllowed(_("只有项目双方可以授权经纪人代为报价。"))
    return side


@transaction.atomic
def allow_broker_offers(*, engagement: Engagement, by) -> bool:
    """The user's side lets the engagement's brokers table offers in its name. True when both
    sides now allow it."""
    side = _speaking_side(engagement, by)
    _consent, created = BrokerOfferConsent.objects.get_or_create(
        engagement=engagement, side=side, defaults={"by": by}
    )
    if created:
        _record(engagement, action="broker_offers_allowed", by=by, note=str(Side(side).label))
    return selectors.broker_may_table_offers(engagement)


@transaction.atomic
def revoke_broker_offers(*, engagement: Engagement, by) -> None:
    """The user's side withdraws its permission; brokers' later offers are refused."""
    side = _speaking_side(engagement, by)
    deleted, _rows = BrokerOfferConsent.objects.filter(engagement=engagement, side=side).delete()
    if deleted:
        _record(engagement, action="broker_offers_revoked", by=by, note=str(Side(side).label))


@transaction.atomic
def mark_read(*, engagement: Engagement, message_id: int, by) -> int:
    _require_member(engagement, by)
    position, _created = ReadPosition.objects.get_or_create(engagement=engagement, user=by)
    if message_id > position.last_read_id:
        position.last_read_id = message_id
        position.save(update_fields=["last_read_id", "updated_at"])
    return position.last_read_id
