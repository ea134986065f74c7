from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("支付")

    def ready(self):
        from core.activity import register_labels

        from .activity import LABELS

        register_labels(LABELS)
