"""The one notification service every feature uses: in-site message now, email after commit."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from . import events
from .messages import key_of, render_source, store_params
from .models import EmailPreference, Notification


def wants_email(*, user, event: str) -> bool:
    pref = EmailPreference.objects.filter(user=user, event=event).first()
    return pref.email if pref else events.emails_by_default(event)


@transaction.atomic
def notify(
    *, user, event: str, title, body="", params: dict | None = None, url: str = "", obj=None
) -> Notification:
    """title and body: gettext_lazy strings (their %(name)s filled from params), stored
    untranslated so each reader gets them in their language (notifications.messages). A plain
    str is shown as it is, neither translated nor filled in: people's own words (a reason,
    an answer)."""
    stored = store_params(params)
    title_key, body_key = key_of(title), key_of(body)
    notification = Notification.objects.create(
        user=user,
        event=event,
        title=(render_source(title_key, stored) if title_key else str(title))[:200],
        body=render_source(body_key, stored) if body_key else str(body or ""),
        title_key=title_key,
        body_key=body_key,
        params=stored,
        url=url,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=obj.pk if obj is not None else None,
    )
    if user.email and user.is_active and wants_email(user=user, event=event):
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


def notify_each(
    *, users, event: str, title, body="", params: dict | None = None, url: str = "", obj=None
) -> None:
    """The same notification to several users, once each (None and repeats skipped)."""
    seen = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notify(user=user, event=event, title=title, body=body, params=params, url=url, obj=obj)


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
