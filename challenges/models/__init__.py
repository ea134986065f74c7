from .application import (
    Application,
    ApplicationStatus,
    Award,
    IndicatorResponse,
    TeamMember,
    blind_codes,
)
from .challenge import (
    DEFAULT_RUBRIC,
    Challenge,
    ChallengeEvent,
    ChallengeStatus,
    Confidentiality,
    Indicator,
    Mechanism,
    Objection,
    RubricCriterion,
)
from .confidentiality import AttachmentDownload, ConfidentialityPledge
from .delivery import Milestone
from .review import ExpertAssignment, Review

__all__ = [
    "DEFAULT_RUBRIC",
    "Application",
    "ApplicationStatus",
    "AttachmentDownload",
    "Award",
    "Challenge",
    "ChallengeEvent",
    "ChallengeStatus",
    "Confidentiality",
    "ConfidentialityPledge",
    "ExpertAssignment",
    "Indicator",
    "IndicatorResponse",
    "Mechanism",
    "Milestone",
    "Objection",
    "Review",
    "RubricCriterion",
    "TeamMember",
    "blind_codes",
]
