"""A password alone never signs in staff, brokers or editors: every way in asks for the TOTP code.

Wagtail's (/admin/login/), Django admin's (/django-admin/login/) and Wagtail's front-end
(/_util/login/) login forms send people to allauth's login; a session that did not pass the
second factor (e.g. one made by those forms before) is ended on its next request.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.accounts.factories import BrokerProfileFactory, current_code, staff_user, with_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-word"
LOGIN = "/accounts/login/"


def admin():
    return staff_user(email="admin@demo.linyi")


def editor(**kwargs):
    group = Group.objects.create(name="编辑（测试）")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user = UserFactory(**kwargs)
    user.groups.add(group)
    return user


def password_only(client, user):
    """What Wagtail's and Django's own login forms did: authenticate and log in, no TOTP step."""
    assert client.login(username=user.email, password=PASSWORD)
    return client


def sign_in_with_totp(client, user, next_url=""):
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    assert client.post(LOGIN, data)["Location"].startswith("/accounts/2fa/authenticate/")
    return client.post("/accounts/2fa/authenticate/", {"code": current_code()})


def test_the_password_posted_to_the_wagtail_login_gives_no_admin_session(client):
    admin()
    response = client.post(
        "/admin/login/", {"username": "admin@demo.linyi", "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302


def test_the_password_posted_to_the_django_admin_login_gives_no_session(client):
    admin()
    response = client.post(
        "/django-admin/login/?next=/django-admin/auth/group/",
        {"username": "admin@demo.linyi", "password": PASSWORD},
    )
    assert response["Location"] == f"{LOGIN}?next=%2Fdjango-admin%2Fauth%2Fgroup%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/django-admin/").status_code == 302


def test_the_wagtail_front_end_login_gives_no_session_either(client):
    admin()
    response = client.post("/_util/login/", {"username": "admin@demo.linyi", "password": PASSWORD})
    assert response["Location"] == f"{LOGIN}?next=%2F"
    assert "_auth_user_id" not in client.session


def test_the_admin_login_redirect_keeps_only_a_safe_next(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"


def test_a_password_only_admin_session_is_ended_instead_of_reaching_either_admin(client):
    user = admin()
    password_only(client, user)
    response = client.get("/admin/")
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    password_only(client, user)
    assert client.get("/django-admin/")["Location"] == f"{LOGIN}?next=%2Fdjango-admin%2F"
    password_only(client, user)
    assert client.get("/orgs/").status_code == 302


def test_a_password_only_session_gets_403_from_the_api(client):
    password_only(client, admin())
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 403
    assert "两步验证" in response.json()["detail"]


def test_a_broker_signed_in_with_the_password_only_cannot_open_the_broker_desk(client):
    broker = with_totp(BrokerProfileFactory().user)
    password_only(client, broker)
    assert client.get("/broker/")["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_editors_must_set_up_an_authenticator_before_the_admin(client):
    client.force_login(editor())
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/totp/activate/")


def test_an_editor_signed_in_with_the_password_only_is_refused(client):
    password_only(client, with_totp(editor()))
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_after_the_totp_step_the_admin_reaches_both_admins(client, home_page):
    user = admin()
    response = sign_in_with_totp(client, user, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_after_the_totp_step_a_broker_opens_the_broker_desk(client):
    broker = with_totp(BrokerProfileFactory().user)
    sign_in_with_totp(client, broker)
    assert client.get("/broker/").status_code == 200


def test_after_the_totp_step_an_editor_opens_the_admin(client, home_page):
    user = with_totp(editor())
    sign_in_with_totp(client, user)
    assert client.get("/admin/").status_code == 200


def test_ordinary_users_with_the_password_only_are_not_affected(client):
    password_only(client, UserFactory())
    assert client.get("/orgs/").status_code == 200
