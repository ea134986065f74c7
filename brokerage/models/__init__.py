from .contract import TechContract, TrainingRecord
from .engagement import (
    OPEN_STAGES,
    PIPELINE,
    STAGE_TARGET_DAYS,
    ContactConsent,
    Engagement,
    EngagementParty,
    Introduction,
    LostReason,
    Side,
    Stage,
)
from .room import BrokerOfferConsent, Message, Offer, ReadPosition, RoomFile
from .work import Document, Meeting, Note, Task

__all__ = [
    "OPEN_STAGES",
    "PIPELINE",
    "STAGE_TARGET_DAYS",
    "BrokerOfferConsent",
    "ContactConsent",
    "Document",
    "Engagement",
    "EngagementParty",
    "Introduction",
    "LostReason",
    "Meeting",
    "Message",
    "Note",
    "Offer",
    "ReadPosition",
    "RoomFile",
    "Side",
    "Stage",
    "Task",
    "TechContract",
    "TrainingRecord",
]
