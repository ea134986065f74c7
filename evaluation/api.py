"""成果评价 in the JSON API (/api/v1/evaluation): only what owners published, and report checks."""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema

from marketplace.models import Achievement, Status

from . import selectors
from .models import EvaluationRequest

router = Router(tags=["evaluation"])


class DimensionOut(Schema):
    code: str
    label: str
    weight: int
    score: Decimal | None


class PublishedOut(Schema):
    achievement_id: int
    category: str
    category_label: str
    overall: int
    overall_score: Decimal
    issued_at: datetime
    dimensions: list[DimensionOut]
    url: str


class VerifiedOut(Schema):
    valid: bool
    achievement: str | None = None
    organization: str | None = None
    overall_score: Decimal | None = None
    issued_at: datetime | None = None


def _published(evaluation: EvaluationRequest) -> dict:
    return {
        "achievement_id": evaluation.achievement_id,
        "category": evaluation.category,
        "category_label": str(evaluation.get_category_display()),
        "overall": evaluation.overall_rounded,
        "overall_score": evaluation.overall_score,
        "issued_at": evaluation.issued_at,
        "dimensions": [
            {
                "code": r["code"],
                "label": str(r["label"]),
                "weight": r["weight"],
                "score": r["score"],
            }
            for r in selectors.dimension_rows(evaluation)
        ],
        "url": reverse("evaluation:public", args=[evaluation.pk]),
    }


@router.get("/achievements/{achievement_id}", response=PublishedOut)
def published_evaluation(request, achievement_id: int):
    """The five-dimension scores of an achievement whose owner published its evaluation."""
    # Withdrawn or never published: the achievement is not there, whatever its badge.
    achievement = Achievement.objects.filter(pk=achievement_id, status=Status.PUBLISHED).first()
    evaluation = selectors.published_evaluation(achievement) if achievement else None
    if evaluation is None:
        raise Http404
    return _published(evaluation)


@router.get("/verify/{code}", response=VerifiedOut)
def verify_report(request, code: str):
    """Whether a report's verification code is genuine (the PDF's footer names this check)."""
    evaluation = selectors.verify(code)
    if evaluation is None:
        return {"valid": False}
    return {
        "valid": True,
        "achievement": evaluation.achievement.title,
        "organization": evaluation.achievement.organization.name,
        "overall_score": evaluation.overall_score,
        "issued_at": evaluation.issued_at,
    }
