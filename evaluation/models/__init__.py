from .request import (
    OPEN_STATUSES,
    DiscussionMessage,
    EvaluationRequest,
    ExpertAssignment,
    IndicatorScore,
    Status,
)
from .scheme import Category, CategoryScheme, Dimension, EvaluationSettings, Indicator

__all__ = [
    "OPEN_STATUSES",
    "Category",
    "CategoryScheme",
    "Dimension",
    "DiscussionMessage",
    "EvaluationRequest",
    "EvaluationSettings",
    "ExpertAssignment",
    "Indicator",
    "IndicatorScore",
    "Status",
]
