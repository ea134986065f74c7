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
from .delivery import Milestone
from .review import ExpertAssignment, Review

__all__ = [
    "DEFAULT_RUBRIC",
    "Application",
    "ApplicationStatus",
    "Award",
    "Challenge",
    "ChallengeEvent",
    "ChallengeStatus",
    "Confidentiality",
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
