from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("门户内容")

    def ready(self):
        # The search page shows matching portal pages beside listings; search does not import
        # the CMS, the CMS registers its page search there.
        from search import registry

        from .selectors import search_pages

        registry.register_page_search(search_pages)
