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
    DEFAULT_STAGE_GATE_RUBRIC,
    Challenge,
    ChallengeStatus,
    Confidentiality,
    Indicator,
    Mechanism,
    Objection,
    Phase,
    RubricCriterion,
)
from .confidentiality import AttachmentDownload, ConfidentialityPledge
from .delivery import Milestone
from .mechanisms import ChiefAppointment, ChiefStatus, StageResult
from .review import ExpertAssignment, Review

__all__ = [
    "DEFAULT_RUBRIC",
    "DEFAULT_STAGE_GATE_RUBRIC",
    "ChiefAppointment",
    "ChiefStatus",
    "StageResult",
    "Phase",
    "Application",
    "ApplicationStatus",
    "AttachmentDownload",
    "Award",
    "Challenge",
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
