"""Every write of the evaluation app goes through these functions."""

from .requests import (
    can_pay,
    cancel_evaluation,
    consent_to_evaluation,
    default_price,
    request_evaluation,
    settle_payment,
    start_evaluation_checkout,
    waive_fee,
)
from .review import (
    active_assignments,
    assign_expert,
    declare_conflict,
    finalise_evaluation,
    labelled,
    post_discussion,
    refresh_results,
    remove_expert,
    set_badge,
    start_scoring,
    submit_scores,
)

__all__ = [
    "active_assignments",
    "assign_expert",
    "can_pay",
    "cancel_evaluation",
    "consent_to_evaluation",
    "declare_conflict",
    "default_price",
    "finalise_evaluation",
    "labelled",
    "post_discussion",
    "refresh_results",
    "remove_expert",
    "request_evaluation",
    "set_badge",
    "settle_payment",
    "start_evaluation_checkout",
    "start_scoring",
    "submit_scores",
    "waive_fee",
]
