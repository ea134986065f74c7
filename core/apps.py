from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every app shares (errors, safe redirects, private files)."""

    name = "core"
    verbose_name = _("公共基础")

    def ready(self):
        from .pagecache import connect_signals
        from .requestid import install_record_factory

        install_record_factory()
        connect_signals()
