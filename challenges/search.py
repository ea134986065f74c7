"""How 揭榜挂帅榜单 plug into search (registered in ChallengesConfig.ready): the "challenges"
index holds 榜单 only, each under its primary key."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from search.registry import WANT, Extension, Searchable, number

from .models import Challenge
from .selectors import PUBLIC_STATUSES


class ChallengeSearch(Searchable):
    model = Challenge
    name = "challenge"
    side = WANT
    index_kind = "challenges"
    match_limit = 5  # 推荐成果 on a 榜单's page

    def text(self, obj):
        """A 榜单 has no keywords of its own: its technical indicators (漏检率, 产能…) name what
        it is about; the body is the task, the indicators' targets and the conditions for
        applicants."""
        indicators = list(obj.indicators.all())
        targets = "；".join(str(i) for i in indicators)
        body = "\n".join(p for p in (obj.problem_statement, targets, obj.eligibility) if p)
        return obj.title, [i.name for i in indicators], body

    def document(self, obj, analysed):
        title, keywords, _body = self.text(obj)
        org = obj.organization
        return dict(
            pk=obj.pk,
            external_id="",
            kind="challenges",
            title=title,
            keywords=keywords,
            industry=obj.industry.code,
            industry_name=obj.industry.name,
            technical_field="",
            organization_id=org.pk,
            organization_name=org.name,
            organization_kind=org.kind,
            region=org.region,
            published_at=obj.published_at,
            quality_score=0,
            summary=obj.problem_statement[:300],
            budget_max_cny=number(obj.total_budget_cny),
            bounty_cny=number(obj.bounty_cny),
            cooperation_modes=[],
            deadline=obj.deadline,
            mechanism=obj.mechanism,
            mechanism_label=str(obj.get_mechanism_display()),
            status=obj.status,
            **analysed,
        )

    def is_searchable(self, obj) -> bool:
        """Every publicly visible state (open, under review, awarded…)."""
        return obj.status in PUBLIC_STATUSES

    def rows(self):
        return Challenge.objects.select_related("industry", "organization").prefetch_related(
            "indicators"
        )

    def narrow(self, rows):
        return rows.filter(status__in=PUBLIC_STATUSES)

    def published(self):
        return self.narrow(self.rows())

    def url(self, pk) -> str:
        return reverse("challenges:detail", args=[pk])


class PromotedNeeds(Extension):
    """A need promoted to a 榜单 that is public is left out of the index: the 榜单 stands for
    it, so one problem is one search result and one match, not two."""

    name = "need"

    def annotate(self, rows):
        public = Challenge.objects.filter(source_need=OuterRef("pk"), status__in=PUBLIC_STATUSES)
        return rows.annotate(superseded=Exists(public))

    def narrow(self, rows):
        return rows.filter(superseded=False)

    def belongs_in_index(self, obj) -> bool:
        return not obj.superseded


def register() -> None:
    from search import registry

    registry.register(ChallengeSearch())
    registry.extend(PromotedNeeds())
