"""Every brokerage write goes through these functions (see the submodules)."""

from .contracts import record_contract, record_training, register_contract
from .engagements import (
    add_assistant,
    assign_inquiry,
    claim_inquiry,
    close_lost,
    close_won,
    consent_to_disclosure,
    flag_overdue_engagements,
    mark_agreed,
    mark_contacted,
    open_engagement_from_inquiry,
    record_introduction,
    route_inquiry,
    start_negotiation,
)
from .room import make_offer, mark_read, post_file, post_text, respond_to_offer, upload_room_file
from .work import (
    add_note,
    add_task,
    complete_task,
    schedule_meeting,
    set_commission,
    upload_document,
)

__all__ = [
    "add_assistant",
    "add_note",
    "add_task",
    "assign_inquiry",
    "claim_inquiry",
    "close_lost",
    "close_won",
    "complete_task",
    "consent_to_disclosure",
    "flag_overdue_engagements",
    "make_offer",
    "mark_agreed",
    "mark_contacted",
    "mark_read",
    "open_engagement_from_inquiry",
    "post_file",
    "post_text",
    "record_contract",
    "record_introduction",
    "record_training",
    "register_contract",
    "respond_to_offer",
    "route_inquiry",
    "schedule_meeting",
    "set_commission",
    "start_negotiation",
    "upload_document",
    "upload_room_file",
]
