from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = _("检索与匹配")

    def ready(self):
        from config import health

        from .outbox import outbox_backlog

        if not any(name == "search_outbox" for name, _check in health.EXTRA):
            health.EXTRA.append(("search_outbox", outbox_backlog))
