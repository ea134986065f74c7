"""Experts see only their assignments; owners see anonymised comments; the public sees only what
the owner published."""

import pytest

from evaluation import selectors, services

from .factories import (
    ExpertFactory,
    UserFactory,
    completed,
    owner_of,
    score,
    scoring,
    staff_user,
)

pytestmark = pytest.mark.django_db


def test_an_expert_sees_only_their_own_assignment(client):
    evaluation, assignments = scoring()
    other, _ = scoring()
    mine = assignments[0]
    client.force_login(mine.expert)

    assert client.get(f"/evaluation/reviews/{mine.pk}/").status_code == 200
    assert client.get(f"/evaluation/reviews/{assignments[1].pk}/").status_code == 404
    listing = client.get("/evaluation/reviews/").content.decode()
    assert evaluation.achievement.title in listing
    assert other.achievement.title not in listing


def test_an_expert_cannot_read_the_report_page_of_their_evaluation(client):
    evaluation, assignments = scoring()
    client.force_login(assignments[0].expert)

    assert client.get(f"/evaluation/{evaluation.pk}/").status_code == 404


def test_the_owner_reads_comments_as_expert_a_b_c_without_names(client):
    evaluation = completed()
    owner = owner_of(evaluation.achievement.organization)
    names = [str(a.expert) for a in evaluation.assignments.all()]
    client.force_login(owner)

    page = client.get(f"/evaluation/{evaluation.pk}/").content.decode()

    assert "专家A" in page and "专家B" in page and "专家C" in page
    for name in names:
        assert name not in page
    assert "<svg" in page and "radar__area" in page
    assert evaluation.verification_code in page


def test_staff_see_the_experts_names_in_the_admin(client):
    evaluation = completed()
    client.force_login(staff_user(admin=True))

    page = client.get(f"/admin/evaluation/{evaluation.pk}/").content.decode()

    for assignment in evaluation.assignments.all():
        assert str(assignment.expert) in page


def test_strangers_cannot_open_the_report_or_its_pdf(client):
    evaluation = completed()
    client.force_login(UserFactory())

    assert client.get(f"/evaluation/{evaluation.pk}/").status_code == 404
    assert client.get(f"/evaluation/{evaluation.pk}/report.pdf").status_code == 404


def test_the_public_sees_nothing_until_the_owner_publishes_the_badge(client):
    evaluation = completed(values=(80, 82, 84))
    owner = owner_of(evaluation.achievement.organization)
    detail = f"/achievements/{evaluation.achievement.pk}/"

    assert "已评价" not in client.get(detail).content.decode()
    assert client.get(f"/evaluation/public/{evaluation.pk}/").status_code == 404
    assert selectors.published_overall(evaluation.achievement) is None

    services.set_badge(evaluation=evaluation, by=owner, public=True)

    assert "已评价 · 综合 82" in client.get(detail).content.decode()
    public = client.get(f"/evaluation/public/{evaluation.pk}/").content.decode()
    assert "82" in public
    assert "技术路线清晰" not in public  # expert comments are never public
    assert selectors.published_overall(evaluation.achievement) == 82


def test_the_owner_can_withdraw_the_badge(client):
    evaluation = completed()
    owner = owner_of(evaluation.achievement.organization)
    services.set_badge(evaluation=evaluation, by=owner, public=True)
    client.force_login(owner)

    client.post(f"/evaluation/{evaluation.pk}/badge/", {"public": "0"})

    assert selectors.published_overall(evaluation.achievement) is None


def test_only_the_owner_decides_on_the_badge():
    evaluation = completed()
    from evaluation.errors import EvaluationError

    with pytest.raises(EvaluationError):
        services.set_badge(
            evaluation=evaluation, by=evaluation.assignments.first().expert, public=True
        )
    with pytest.raises(EvaluationError):
        services.set_badge(evaluation=evaluation, by=staff_user(), public=True)


def test_an_expert_from_the_owners_organization_cannot_be_assigned():
    evaluation, _ = scoring()
    colleague = ExpertFactory().user
    from tests.factories import MembershipFactory

    MembershipFactory(user=colleague, organization=evaluation.achievement.organization)
    from evaluation.errors import EvaluationError

    with pytest.raises(EvaluationError, match="回避"):
        services.assign_expert(evaluation=evaluation, expert=colleague, by=staff_user())


def test_suggested_experts_share_the_achievements_field():
    evaluation, assignments = scoring()
    from core.models import Industry

    other_field = Industry.objects.exclude(pk=evaluation.achievement.industry_id).first()
    matching = ExpertFactory()
    ExpertFactory(fields=[other_field])

    suggested = selectors.suggest_experts(evaluation)

    assert suggested == [matching]
    score(assignments[0], 80)


def test_the_request_page_of_an_unpublished_achievement_of_another_organization_is_not_found(
    client,
):
    from marketplace.models import Status
    from tests.factories import AchievementFactory, MembershipFactory

    draft = AchievementFactory(status=Status.DRAFT, published_at=None, title="未公开的秘方成果")
    outsider = MembershipFactory().user
    client.force_login(outsider)
    response = client.get(f"/evaluation/request/{draft.pk}/")
    assert response.status_code == 404
    assert "未公开的秘方成果" not in response.content.decode()
    assert (
        client.post(f"/evaluation/request/{draft.pk}/", {"category": "transfer"}).status_code == 404
    )


def test_the_owner_still_opens_the_request_page_of_their_draft(client):
    from marketplace.models import Status
    from tests.factories import AchievementFactory

    draft = AchievementFactory(status=Status.DRAFT, published_at=None)
    client.force_login(owner_of(draft.organization))
    assert client.get(f"/evaluation/request/{draft.pk}/").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "/\\evil.example"])
def test_posting_to_a_discussion_does_not_redirect_off_site(client, target):
    evaluation, _assignments = scoring()
    client.force_login(staff_user())
    response = client.post(
        f"/evaluation/{evaluation.pk}/discussion/", {"body": "请补充中试数据", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
