from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("技术市场")

    def ready(self):
        from core.activity import register_labels

        from .activity import LABELS

        register_labels(LABELS)
        from .search import register

        register()
        from accounts.services.erasure import ERASE_PERSON
        from core import hooks

        from .services.erasure import erase_person

        hooks.register(ERASE_PERSON, erase_person)

        from accounts.selectors import ORGANIZATION_PAGE

        from .selectors import organization_page_listings

        hooks.register(ORGANIZATION_PAGE, organization_page_listings)
