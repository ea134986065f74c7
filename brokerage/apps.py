from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokerageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "brokerage"
    verbose_name = _("技术经纪")

    def ready(self):
        from core.activity import register_labels

        from .activity import LABELS

        register_labels(LABELS)

        # Marketplace sits below brokerage: it runs this hook after an inquiry is committed,
        # and the industry's certified brokers hear of it.
        from core import hooks
        from marketplace.services.engagement import INQUIRY_MADE

        from .services.engagements import route_inquiry

        hooks.register(INQUIRY_MADE, route_inquiry)

        from accounts.services.erasure import ERASE_PERSON

        from .services.erasure import erase_person

        hooks.register(ERASE_PERSON, erase_person)

        # Accounts' and marketplace's API show a contact card; the consent rule is ours.
        from accounts.contacts import CONTACT_CARD

        from .serializers import contact_json

        hooks.register(CONTACT_CARD, contact_json)

        # The matcher's ranker learns from pairs brokered here (search imports no domain app).
        from search.feedback import MATCH_OUTCOMES

        from .selectors import match_outcomes

        hooks.register(MATCH_OUTCOMES, match_outcomes)
