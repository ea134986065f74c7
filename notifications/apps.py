from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("消息通知")

    def ready(self):
        from accounts.services.erasure import ERASE_PERSON
        from core import hooks

        from .services import erase_person

        hooks.register(ERASE_PERSON, erase_person)
