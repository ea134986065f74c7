"""Only verified people and organizations apply: the rule listings follow."""

import pytest

from accounts.models import Organization
from challenges import services
from challenges.errors import ChallengeError
from tests.factories import UserFactory

from .factories import org_admin, published_challenge

pytestmark = pytest.mark.django_db


def test_a_member_of_an_unverified_organization_cannot_start_an_application_it_leads(client):
    challenge = published_challenge()
    lead, org = org_admin(
        kind="university", verification_status=Organization.Verification.UNVERIFIED
    )
    client.force_login(lead)
    response = client.post(
        f"/challenges/{challenge.pk}/apply/",
        {"team_name": "未认证单位团队", "lead_organization": org.pk},
    )
    assert "尚未通过平台认证，不能牵头申报" in response.content.decode()
    assert not challenge.applications.exists()


def test_an_application_whose_organization_lost_its_verification_cannot_be_submitted():
    challenge = published_challenge()
    lead, org = org_admin(kind="university")
    application = services.start_application(
        challenge=challenge, by=lead, team_name="团队", lead_organization=org
    )
    Organization.objects.filter(pk=org.pk).update(
        verification_status=Organization.Verification.PENDING
    )
    with pytest.raises(ChallengeError) as refused:
        services.submit_application(application=application, by=lead)
    assert "尚未通过平台认证" in refused.value.message
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_user_with_an_unverified_email_cannot_apply(client):
    challenge = published_challenge()
    client.force_login(UserFactory(verified=False))
    response = client.post(f"/challenges/{challenge.pk}/apply/", {"team_name": "个人团队"})
    assert "请先验证您的邮箱" in response.content.decode()
    assert not challenge.applications.exists()
