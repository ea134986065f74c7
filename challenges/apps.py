from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("揭榜挂帅")

    def ready(self):
        from core.activity import register_labels

        from .activity import LABELS

        register_labels(LABELS)

        # The notifications app keeps one catalogue of events; ours join it at start-up so
        # users can switch their emails on and off like every other event.
        from notifications import events

        from .notify import EVENTS

        for code, spec in EVENTS.items():
            events.EVENTS.setdefault(code, spec)

        from .search import register

        register()
        from accounts.services.erasure import ERASE_PERSON
        from core import hooks

        from .services.erasure import erase_person

        hooks.register(ERASE_PERSON, erase_person)

        # Marketplace sits below us: its import runs this hook for a need row with a bounty
        # (kind "challenge"), and the bounty becomes the need's draft 榜单.
        from marketplace.services.imports import NEED_IMPORTED_WITH_BOUNTY

        from .services import create_challenge_for_imported_need

        hooks.register(NEED_IMPORTED_WITH_BOUNTY, create_challenge_for_imported_need)

        from payments.registry import register_deposit_target

        from .models import Challenge

        register_deposit_target(Challenge)
