"""Factories and small builders for evaluation tests (services do the real work)."""

from decimal import Decimal

import factory

from accounts.models import ExpertProfile, Membership
from evaluation import services
from evaluation.models import EvaluationRequest, Status
from tests.factories import (
    AchievementFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    industry,
)


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    title = "研究员"
    affiliation = factory.Sequence(lambda n: f"山东省科学院第{n}研究所")
    expertise = "人造板胶黏剂、木材改性"

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if create:
            obj.fields.set(extracted or [industry()])


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_user(*, admin: bool = False):
    """Staff with two-step verification (required of staff); `admin` opens the Wagtail admin."""
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(is_staff=True, is_superuser=admin)
    TOTP.activate(user, TOTP_SECRET)
    return user


def owner_of(organization, role=Membership.Role.OWNER):
    return MembershipFactory(organization=organization, role=role).user


def requested(*, category="transfer", achievement=None, **achievement_kwargs) -> EvaluationRequest:
    """An owner's request, awaiting payment."""
    achievement = achievement or AchievementFactory(**achievement_kwargs)
    owner = owner_of(achievement.organization)
    return services.request_evaluation(achievement=achievement, by=owner, category=category)


def accepted(**kwargs) -> EvaluationRequest:
    evaluation = requested(**kwargs)
    services.waive_fee(evaluation=evaluation, by=staff_user(), reason="中心资助项目")
    return evaluation


def scoring(*, experts: int = 3, **kwargs) -> tuple[EvaluationRequest, list]:
    """Accepted, experts assigned and declared without conflict, scoring started."""
    evaluation = accepted(**kwargs)
    staff = staff_user()
    assignments = []
    for _ in range(experts):
        expert = ExpertFactory().user
        assignment = services.assign_expert(evaluation=evaluation, expert=expert, by=staff)
        assignments.append(assignment)
    services.start_scoring(evaluation=evaluation, by=staff)
    for assignment in assignments:
        services.declare_conflict(assignment=assignment, by=assignment.expert, has_conflict=False)
    evaluation.refresh_from_db()
    return evaluation, assignments


def uniform_scores(evaluation, value, evidence="依据检测报告和中试数据") -> dict:
    return {spec["id"]: (Decimal(value), evidence) for spec in evaluation.scheme["indicators"]}


def score(assignment, value, comment="技术路线清晰，具备转化条件。"):
    return services.submit_scores(
        assignment=assignment,
        by=assignment.expert,
        scores=uniform_scores(assignment.evaluation, value),
        comment=comment,
    )


def completed(*, values=(80, 82, 84), **kwargs) -> EvaluationRequest:
    evaluation, assignments = scoring(experts=len(values), **kwargs)
    for assignment, value in zip(assignments, values, strict=True):
        score(assignment, value)
    evaluation.refresh_from_db()
    services.finalise_evaluation(
        evaluation=evaluation, by=staff_user(), summary="该成果技术先进，具备较好的转化前景。"
    )
    evaluation.refresh_from_db()
    assert evaluation.status == Status.COMPLETED
    return evaluation


__all__ = [
    "AchievementFactory",
    "ExpertFactory",
    "OrganizationFactory",
    "UserFactory",
    "accepted",
    "completed",
    "owner_of",
    "requested",
    "score",
    "scoring",
    "staff_user",
    "uniform_scores",
]
