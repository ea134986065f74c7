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
        self.register_work_queues()

    def register_work_queues(self):
        """The dashboard's work queue (core.work), in the order its lines appear: what a person
        was asked to do first (reviews, answers, bills), then their projects, then staff work."""
        from accounts import selectors as accounts
        from brokerage import selectors as brokerage
        from challenges import selectors as challenges
        from core import hooks, work
        from evaluation import selectors as evaluation
        from marketplace import selectors as marketplace
        from payments import selectors as payments

        for app in (challenges, evaluation, marketplace, payments, brokerage, accounts):
            hooks.register(work.WORK_FOR, app.work_for)
