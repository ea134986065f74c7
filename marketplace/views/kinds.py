"""What differs between achievement and need pages, so one set of views serves both."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..filters import AchievementFilter, NeedFilter
from ..forms import AchievementForm, NeedForm
from ..models import Achievement, Need


@dataclass(frozen=True)
class ListingKind:
    slug: str  # url name prefix: achievement / need
    model: type
    form: type
    filterset: type
    published: object
    label: str
    plural_label: str


ACHIEVEMENT = ListingKind(
    slug="achievement",
    model=Achievement,
    form=AchievementForm,
    filterset=AchievementFilter,
    published=selectors.published_achievements,
    label=_("科技成果"),
    plural_label=_("科技成果"),
)
NEED = ListingKind(
    slug="need",
    model=Need,
    form=NeedForm,
    filterset=NeedFilter,
    published=selectors.published_needs,
    label=_("技术需求"),
    plural_label=_("技术需求"),
)
