import pytest

from evaluation import services

from .factories import completed, owner_of

pytestmark = pytest.mark.django_db


def test_the_api_shows_an_evaluation_only_once_the_owner_published_it(client):
    evaluation = completed(values=(80, 82, 84))
    url = f"/api/v1/evaluation/achievements/{evaluation.achievement_id}"

    assert client.get(url).status_code == 404

    services.set_badge(
        evaluation=evaluation, by=owner_of(evaluation.achievement.organization), public=True
    )
    data = client.get(url).json()

    assert data["overall"] == 82
    assert [d["code"] for d in data["dimensions"]] == [
        "science",
        "technology",
        "economy",
        "society",
        "culture",
    ]
    assert "comment" not in str(data)


def test_the_api_checks_a_verification_code(client):
    evaluation = completed()

    genuine = client.get(f"/api/v1/evaluation/verify/{evaluation.verification_code}").json()
    forged = client.get("/api/v1/evaluation/verify/LYPJ-AAAA-BBBB-CCCC").json()

    assert genuine["valid"] and genuine["achievement"] == evaluation.achievement.title
    assert forged == {
        "valid": False,
        "achievement": None,
        "organization": None,
        "overall_score": None,
        "issued_at": None,
    }


def test_a_published_badge_of_a_withdrawn_achievement_shows_nothing(client):
    from marketplace.models import Achievement, Status

    evaluation = completed()
    services.set_badge(
        evaluation=evaluation, by=owner_of(evaluation.achievement.organization), public=True
    )
    Achievement.objects.filter(pk=evaluation.achievement_id).update(status=Status.WITHDRAWN)
    assert (
        client.get(f"/api/v1/evaluation/achievements/{evaluation.achievement_id}").status_code
        == 404
    )
    assert client.get(f"/evaluation/public/{evaluation.pk}/").status_code == 404
