import pytest
from allauth.mfa.models import Authenticator

from accounts.models import AuditEvent
from tests.accounts.factories import (
    TOTP_SECRET,
    BrokerProfileFactory,
    current_code,
    staff_user,
    with_totp,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in ("/orgs/", "/admin/", "/me/security/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP)


def test_brokers_without_an_authenticator_are_sent_to_set_one_up(client):
    broker = BrokerProfileFactory().user
    client.force_login(broker)
    assert client.get("/orgs/")["Location"].startswith(SETUP)


def test_the_api_answers_403_instead_of_redirecting(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 403
    assert "两步验证" in response.json()["detail"]


def test_account_pages_stay_reachable_so_setup_and_logout_work(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/accounts/logout/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_ordinary_users_are_not_forced(client):
    client.force_login(UserFactory())
    assert client.get("/orgs/").status_code == 200


def test_staff_with_an_authenticator_use_the_portal(client):
    client.force_login(staff_user())
    assert client.get("/orgs/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_staff_log_in_with_password_and_then_a_totp_code(client):
    staff = staff_user(email="reviewer@linyi.example.cn")
    response = client.post(
        "/accounts/login/", {"login": "reviewer@linyi.example.cn", "password": "pass-1234-word"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert AuditEvent.objects.filter(kind="login", actor=staff).exists()


def test_staff_set_up_totp_through_the_allauth_page(client, committed):
    staff = UserFactory(is_staff=True, email="new.staff@linyi.example.cn")
    client.post(
        "/accounts/login/", {"login": "new.staff@linyi.example.cn", "password": "pass-1234-word"}
    )
    assert client.get("/orgs/")["Location"].startswith(SETUP)
    # allauth asks for the password again before changing two-step settings.
    assert client.get(SETUP)["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": "pass-1234-word"})
    page = client.get(SETUP)
    assert page.status_code == 200
    secret = page.context["form"].secret
    with committed():
        response = client.post(SETUP, {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert AuditEvent.objects.filter(kind="mfa_activated", actor=staff).exists()
    assert client.get("/orgs/").status_code == 200


def test_staff_cannot_switch_their_authenticator_off(client):
    staff = staff_user()
    client.post("/accounts/login/", {"login": staff.email, "password": "pass-1234-word"})
    client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    client.post("/accounts/reauthenticate/", {"password": "pass-1234-word"})
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert response.status_code in (200, 302)
    assert Authenticator.objects.filter(user=staff, type="totp").exists()


def test_ordinary_users_may_switch_their_authenticator_off(client):
    user = with_totp(UserFactory(), TOTP_SECRET)
    client.post("/accounts/login/", {"login": user.email, "password": "pass-1234-word"})
    client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    client.post("/accounts/reauthenticate/", {"password": "pass-1234-word"})
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
