"""Shared reads of the marketplace."""

from django.db.models import QuerySet

from .models import Achievement, Need, Status


def published_achievements() -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(status=Status.PUBLISHED)
        .select_related("industry", "organization")
        .order_by("-published_at", "-id")
    )


def published_needs() -> QuerySet[Need]:
    return (
        Need.objects.filter(status=Status.PUBLISHED)
        .select_related("industry", "organization")
        .order_by("-published_at", "-id")
    )


def market_figures() -> dict[str, int]:
    return {
        "achievements": published_achievements().count(),
        "needs": published_needs().filter(kind=Need.Kind.NEED).count(),
        "challenges": published_needs().filter(kind=Need.Kind.CHALLENGE).count(),
    }
