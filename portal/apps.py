from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top floor: orchestration across apps (the demo loader, the home page's figures).
    The only app that may import every other one (tests/test_layers.py)."""

    name = "portal"

    def ready(self):
        from cms import selectors as cms
        from config import health
        from search.outbox import outbox_backlog

        from . import home

        for source in (home.marketplace_figures, home.contract_figures):
            if source not in cms.FIGURE_SOURCES:
                cms.FIGURE_SOURCES.append(source)
        if home.listings not in cms.SECTION_SOURCES:
            cms.SECTION_SOURCES.append(home.listings)
        if not any(name == "search_outbox" for name, _check in health.EXTRA):
            health.EXTRA.append(("search_outbox", outbox_backlog))
