import pytest
from django.core import mail

from accounts.models import AuditEvent, BrokerProfile
from tests.accounts.factories import BrokerProfileFactory, current_code, staff_user, with_totp
from tests.factories import UserFactory, industry

pytestmark = pytest.mark.django_db


def broker_form(**overrides):
    data = {
        "certificate_number": "鲁技经字〔2024〕第0031号",
        "years_of_experience": "6",
        "specialties": [industry("wood_furniture").pk, industry("food").pk],
        "service_regions": ["lanshan", "hedong"],
        "bio": "专注木业与食品企业的技术转移。",
    }
    return {**data, **overrides}


def test_a_new_broker_fills_in_the_profile_and_then_must_set_up_mfa(client):
    user = UserFactory(signup_role="broker")
    client.force_login(user)
    response = client.post("/me/broker/", broker_form())
    assert response.status_code == 302
    profile = BrokerProfile.objects.get(user=user)
    assert profile.certification_status == "draft"
    assert set(profile.specialties.values_list("code", flat=True)) == {"wood_furniture", "food"}
    # Now a broker: two-step verification comes before anything else.
    assert client.get("/me/broker/")["Location"].startswith("/accounts/2fa/totp/activate/")


def test_uncertified_broker_pages_are_not_public(client):
    profile = BrokerProfileFactory(certification_status="pending")
    assert client.get(f"/brokers/{profile.pk}/").status_code == 404
    client.force_login(with_totp(profile.user))
    assert client.get(f"/brokers/{profile.pk}/").status_code == 200


def test_staff_certify_a_broker_whose_page_then_goes_public(client, committed):
    profile = BrokerProfileFactory(certification_status="draft", user=UserFactory(name="陈志远"))
    with_totp(profile.user)
    client.force_login(profile.user)
    client.post("/me/broker/submit/")
    profile.refresh_from_db()
    assert profile.certification_status == "pending"

    client.force_login(staff_user())
    assert "陈志远" in client.get("/admin/accounts/verification/").content.decode()
    with committed():
        client.post(f"/admin/accounts/verification/broker/{profile.pk}/", {"decision": "approve"})
    profile.refresh_from_db()
    assert profile.is_certified and profile.certified_at
    assert "认证已通过" in mail.outbox[-1].subject
    assert AuditEvent.objects.filter(kind="broker_certified", target_user=profile.user).exists()

    client.logout()
    page = client.get(f"/brokers/{profile.pk}/")
    assert page.status_code == 200 and "陈志远" in page.content.decode()
    assert "陈志远" in client.get("/brokers/").content.decode()


def test_a_new_certificate_number_needs_certifying_again(client):
    profile = BrokerProfileFactory(certification_status="certified")
    client.force_login(with_totp(profile.user))
    client.post("/me/broker/", broker_form(certificate_number="鲁技经字〔2025〕第0999号"))
    profile.refresh_from_db()
    assert profile.certification_status == "pending"


def test_a_broker_cannot_claim_an_organization_they_do_not_belong_to(client):
    from tests.factories import OrganizationFactory

    other = OrganizationFactory()
    profile = BrokerProfileFactory()
    client.force_login(with_totp(profile.user))
    response = client.post("/me/broker/", broker_form(organization=other.pk))
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.organization is None


def test_current_code_helper_matches_allauth():
    assert len(current_code()) == 6
