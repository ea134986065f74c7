import pytest
from django.core import mail

from notifications import services
from notifications.models import EmailPreference, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_creates_an_unread_in_site_message():
    user = UserFactory()
    note = services.notify(
        user=user, event="listing_approved", title="审核通过：测试", body="正文", url="/x/"
    )
    assert not note.is_read
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 1


def test_email_is_sent_only_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(user=user, event="listing_approved", title="审核通过：测试")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert Notification.objects.get(user=user).emailed_at is not None


def test_user_can_turn_off_email_for_an_event(django_capture_on_commit_callbacks):
    user = UserFactory()
    services.set_email_preferences(user=user, choices={"listing_approved": False})
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=user, event="listing_approved", title="审核通过：测试")
    assert mail.outbox == []
    assert Notification.objects.filter(user=user).count() == 1


def test_events_without_email_by_default_stay_in_site(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=user, event="listing_submitted", title="待审核")
    assert mail.outbox == []


def test_user_can_opt_in_to_email_for_an_event(django_capture_on_commit_callbacks):
    user = UserFactory()
    services.set_email_preferences(user=user, choices={"listing_submitted": True})
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(user=user, event="listing_submitted", title="待审核")
    assert len(mail.outbox) == 1


def test_mark_read_refuses_someone_elses_notification():
    owner, other = UserFactory(), UserFactory()
    note = services.notify(user=owner, event="listing_approved", title="t")
    with pytest.raises(PermissionError):
        services.mark_read(notification=note, by=other)
    services.mark_read(notification=note, by=owner)
    note.refresh_from_db()
    assert note.is_read


def test_bell_shows_unread_count_and_list_marks_read(client):
    user = UserFactory()
    note = services.notify(user=user, event="listing_approved", title="审核通过：胶黏剂", url="/")
    services.notify(user=user, event="listing_rejected", title="审核未通过：某需求")
    client.force_login(user)
    page = client.get("/notifications/").content.decode()
    assert 'data-testid="unread-count">2<' in page
    assert "审核通过：胶黏剂" in page
    response = client.post(f"/notifications/{note.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/notifications/").content.decode()
    assert 'data-testid="unread-count">1<' in page
    client.post("/notifications/read-all/")
    assert 'data-testid="unread-count"' not in client.get("/notifications/").content.decode()


def test_preferences_page_saves_choices(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/notifications/preferences/").status_code == 200
    client.post("/notifications/preferences/", {"email": ["listing_rejected"]})
    prefs = dict(EmailPreference.objects.filter(user=user).values_list("event", "email"))
    assert prefs["listing_rejected"] is True
    assert prefs["listing_approved"] is False


def test_notifications_list_requires_login(client):
    assert client.get("/notifications/").status_code == 302
