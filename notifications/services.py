"""The one notification service every feature uses: in-site message now, email after commit."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from . import events
from .models import EmailPreference, Notification


def wants_email(*, user, event: str) -> bool:
    pref = EmailPreference.objects.filter(user=user, event=event).first()
    return pref.email if pref else events.emails_by_default(event)


@transaction.atomic
def notify(
    *, user, event: str, title: str, body: str = "", url: str = "", obj=None
) -> Notification:
    notification = Notification.objects.create(
        user=user,
        event=event,
        title=title[:200],
        body=body,
        url=url,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
    )
    if user.email and user.is_active and wants_email(user=user, event=event):
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def notify_each(*, users, event: str, title: str, body: str = "", url: str = "", obj=None) -> None:
    """The same notification to several users, once each (None and repeats skipped)."""
    seen = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notify(user=user, event=event, title=str(title), body=str(body), url=url, obj=obj)


def notify_each_after_commit(**kwargs) -> None:
    """notify_each once the caller's transaction commits: nobody hears of a change that is
    rolled back."""
    transaction.on_commit(lambda: notify_each(**kwargs))


@transaction.atomic
def mark_read(*, notification: Notification, by) -> Notification:
    if notification.user_id != by.pk:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_email_preferences(*, user, choices: dict[str, bool]) -> None:
    for event, email in choices.items():
        if event in events.EVENTS:
            EmailPreference.objects.update_or_create(
                user=user, event=event, defaults={"email": email}
            )


def erase_person(*, user, **originals) -> None:
    """Account erasure: a person's notices and e-mail choices go with them."""
    Notification.objects.filter(user=user).delete()
    EmailPreference.objects.filter(user=user).delete()
