"""JSON shapes shared by the WebSocket room and the HTTP API."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notifications.messages import render

from .models import Message
from .selectors import party_name, visible_contacts


def offer_json(offer) -> dict:
    return {
        "id": offer.pk,
        "side": offer.side,
        "side_label": str(offer.get_side_display()),
        "by_broker": offer.by_broker,
        "price": str(offer.price_cny),
        "payment_terms": offer.payment_terms,
        "transfer_mode": offer.transfer_mode,
        "transfer_mode_label": str(offer.get_transfer_mode_display()),
        "status": offer.status,
        "status_label": str(offer.get_status_display()),
        "counter_of": offer.counter_of_id,
    }


def message_json(message: Message) -> dict:
    data = {
        "id": message.pk,
        "seq": message.seq,
        "kind": message.kind,
        "body": render(message.body_key, message.params) if message.body_key else message.body,
        "sender_id": message.sender_id,
        "sender": party_name(message.sender) if message.sender_id else "",
        "created_at": message.created_at.isoformat(),
    }
    if message.file_id:
        data["file"] = {
            "id": message.file_id,
            "name": message.file.original_name,
            "size": message.file.size,
            "url": reverse("brokerage:room_file", args=[message.engagement_id, message.file_id]),
        }
    if message.offer_id:
        data["offer"] = offer_json(message.offer)
    return data


def message_json_by_language(message: Message) -> dict[str, dict]:
    """The message as each language's readers see it (labels and system lines translated),
    for a broadcast to a room whose members read different languages."""
    shapes = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            shapes[code] = message_json(message)
    return shapes


def contact_json(user, obj) -> dict | None:
    """obj's contact for the API: the consent rule (rules.can_see_contacts) decides, and
    everybody else gets null."""
    contact = visible_contacts(user, obj)
    if contact is None:
        return None
    return {"name": contact.name, "phone": contact.phone, "email": contact.email}
