from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = _("检索与匹配")

    def ready(self):
        from accounts.services.erasure import ERASE_PERSON
        from core import hooks

        from .services import erase_person

        hooks.register(ERASE_PERSON, erase_person)
