import pytest

from accounts.models import AccountDeletionRequest, AuditEvent
from accounts.services import request_account_deletion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_users_request_deletion_once_and_staff_see_it(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/me/delete/", {"reason": "单位调整，不再使用。", "confirm": "on"})
    client.post("/me/delete/", {"reason": "再点一次", "confirm": "on"})
    request = AccountDeletionRequest.objects.get()
    assert (request.user, request.reason, request.status) == (
        user,
        "单位调整，不再使用。",
        "pending",
    )
    assert AuditEvent.objects.filter(kind="deletion_requested", actor=user).count() == 1
    assert "提交注销申请。冷静期至" in client.get("/me/security/").content.decode()


def test_deletion_needs_the_confirmation_box(client):
    client.force_login(UserFactory())
    client.post("/me/delete/", {"reason": "test"})
    assert not AccountDeletionRequest.objects.exists()


def test_the_service_returns_the_open_request():
    user = UserFactory()
    assert request_account_deletion(user=user) == request_account_deletion(user=user, reason="x")
