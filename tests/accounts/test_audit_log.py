import pytest

from accounts.models import AuditEvent
from tests.accounts.factories import staff_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_failed_login_is_recorded_without_the_password(client):
    user = UserFactory(email="zhang@example.cn")
    client.post(
        "/accounts/login/",
        {"login": "zhang@example.cn", "password": "wrong-guess-123"},
        REMOTE_ADDR="10.1.2.3",
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert (event.actor_email, event.target_user, event.ip_address) == (
        "zhang@example.cn",
        user,
        "10.1.2.3",
    )
    assert "wrong-guess-123" not in str(event.detail)


def test_a_successful_login_and_logout_are_recorded(client):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": "pass-1234-word"})
    client.post("/accounts/logout/")
    kinds = list(AuditEvent.objects.filter(actor=user).values_list("kind", flat=True))
    assert sorted(kinds) == ["login", "logout"]


def test_staff_read_the_audit_log_in_the_wagtail_admin(client):
    UserFactory(email="victim@example.cn")
    client.post("/accounts/login/", {"login": "victim@example.cn", "password": "nope-nope-1"})
    client.force_login(staff_user())
    index = client.get("/admin/accounts/audit-log/")
    assert index.status_code == 200
    assert "victim@example.cn" in index.content.decode()
    assert client.get("/admin/accounts/audit-log/new/").status_code in (302, 403)


def test_non_staff_cannot_read_the_audit_log(client):
    client.force_login(UserFactory())
    response = client.get("/admin/accounts/audit-log/")
    assert response.status_code in (302, 403)


def test_users_see_their_own_recent_security_events(client):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": "pass-1234-word"})
    page = client.get("/me/security/").content.decode()
    assert "最近的安全事件" in page and "登录" in page
