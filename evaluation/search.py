"""The published 五元 score on achievements' search documents (registered in ready()).

Achievements' matches move a little towards 1 with it, and the search page filters by it."""

from search.registry import Extension

from .models import EvaluationRequest
from .selectors import published_overall, with_published_overall


class EvaluatedAchievements(Extension):
    name = "achievement"

    def annotate(self, rows):
        return with_published_overall(rows)

    def fields(self, obj) -> dict:
        """The score comes annotated (annotate above); an achievement loaded otherwise asks."""
        if hasattr(obj, "published_overall"):
            overall = EvaluationRequest.round_overall(obj.published_overall)
        else:
            overall = published_overall(obj)
        return {"evaluated": "yes" if overall is not None else None, "evaluation_overall": overall}


def register() -> None:
    from search import registry

    registry.extend(EvaluatedAchievements())
