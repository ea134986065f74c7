from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return
    link = ""
    if notification.url:
        link = "\n\n" + settings.WAGTAILADMIN_BASE_URL.rstrip("/") + notification.url
    # In the recipient's language: the one of their last page view, else the site's.
    with translation.override(notification.user.language or settings.LANGUAGE_CODE):
        send_mail(
            subject=f"[{_(settings.WAGTAIL_SITE_NAME)}] {notification.display_title}",
            message=f"{notification.display_body}{link}",
            from_email=None,
            recipient_list=[notification.user.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
