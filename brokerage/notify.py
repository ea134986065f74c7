"""Sends brokerage events through the portal's one notification service."""

from django.contrib.auth import get_user_model

from notifications.services import notify


def tell(users, *, event: str, title: str, url: str = "", obj=None, body: str = "") -> None:
    seen = set()
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        notify(user=user, event=event, title=title, body=body, url=url, obj=obj)


def staff_users():
    return get_user_model().objects.filter(is_staff=True, is_active=True)
