from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokerageConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "brokerage"
    verbose_name = _("技术经纪")
