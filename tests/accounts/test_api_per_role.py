import pytest

from tests.accounts.factories import BrokerProfileFactory, member_of, with_totp
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_my_roles_need_a_login(client):
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_my_roles_list_memberships_and_what_i_may_publish(client):
    verified = OrganizationFactory(name="沂蒙理工学院")
    unverified = OrganizationFactory(name="新注册企业", verification_status="unverified")
    user = member_of(verified, "admin")
    member_of(unverified)
    unverified.memberships.create(user=user, role="member")
    client.force_login(user)
    body = client.get("/api/v1/accounts/me").json()
    orgs = {o["name"]: o for o in body["organizations"]}
    assert orgs["沂蒙理工学院"] | {"id": 0} == {
        "id": 0,
        "name": "沂蒙理工学院",
        "role": "admin",
        "is_admin": True,
        "can_publish": True,
    }
    assert orgs["新注册企业"]["can_publish"] is False
    assert body["is_broker"] is False and body["is_staff"] is False


def test_the_credit_code_is_public_only_after_verification(client):
    verified = OrganizationFactory(credit_code="91371300MA3C8X7D1W")
    pending = OrganizationFactory(credit_code="12371300MB2845701R", verification_status="pending")
    assert client.get(f"/api/v1/accounts/orgs/{verified.pk}").json()["credit_code"]
    body = client.get(f"/api/v1/accounts/orgs/{pending.pk}").json()
    assert "credit_code" not in body and "rejection_reason" not in body


def test_org_admins_see_their_rejection_reason_over_the_api(client):
    org = OrganizationFactory(verification_status="rejected", rejection_reason="执照过期")
    client.force_login(member_of(org, "owner"))
    assert client.get(f"/api/v1/accounts/orgs/{org.pk}").json()["rejection_reason"] == "执照过期"
    client.force_login(member_of(org))
    assert "rejection_reason" not in client.get(f"/api/v1/accounts/orgs/{org.pk}").json()


def test_uncertified_brokers_are_hidden_from_the_api(client):
    hidden = BrokerProfileFactory(certification_status="pending")
    shown = BrokerProfileFactory()
    assert client.get(f"/api/v1/accounts/brokers/{hidden.pk}").status_code == 404
    assert client.get(f"/api/v1/accounts/brokers/{shown.pk}").json()["certification_status"] == (
        "certified"
    )
    client.force_login(with_totp(hidden.user))
    assert client.get(f"/api/v1/accounts/brokers/{hidden.pk}").status_code == 200
    client.force_login(UserFactory())
    assert client.get(f"/api/v1/accounts/brokers/{hidden.pk}").status_code == 404
