from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluation"
    verbose_name = _("成果评价")

    def ready(self):
        from core.activity import register_labels

        from .activity import LABELS

        register_labels(LABELS)

        # One catalogue of notification events: ours join it at start-up (as challenges do),
        # so users switch these emails on and off like every other event.
        from notifications import events

        from .notify import EVENTS

        for code, spec in EVENTS.items():
            events.EVENTS.setdefault(code, spec)

        from .search import register

        register()
