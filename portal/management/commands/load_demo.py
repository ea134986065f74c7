import logging
from contextlib import contextmanager

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

# Loggers that report every background task and page revision at INFO: hundreds of lines here.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


@contextmanager
def quietly():
    """No outgoing mail (the demo's notifications would reach the console, or real inboxes
    with EMAIL_URL set) and no per-task log lines while the demo loads. Yields the outbox."""
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            outbox = getattr(mail, "outbox", None)
            mail.outbox = []
            try:
                yield mail.outbox
            finally:
                if outbox is None:
                    del mail.outbox
                else:  # a test's outbox: keep what it had and add the demo's
                    mail.outbox = outbox + mail.outbox
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load realistic Chinese demo content for every role (idempotent: safe to run again)."

    def handle(self, *args, **options):
        from accounts import demo as accounts_demo
        from brokerage import demo as brokerage_demo
        from challenges import demo as challenges_demo
        from cms import demo as cms_demo
        from evaluation import demo as evaluation_demo
        from marketplace import demo as marketplace_demo
        from payments import demo as payments_demo
        from portal.demo import demo_challenges
        from portal.demo import search as search_demo
        from portal.demo import work as work_demo

        with quietly() as outbox:
            with transaction.atomic():
                accounts_demo.load(stdout=self.stdout)
                marketplace_demo.load(stdout=self.stdout)
                # Before cms: the demo challenge call lists the demo challenges.
                challenges_demo.load(stdout=self.stdout)
                payments_demo.load(stdout=self.stdout)
                cms_demo.load(stdout=self.stdout, challenges=demo_challenges())
                brokerage_demo.load(stdout=self.stdout)
                evaluation_demo.load(stdout=self.stdout)
                search_demo.load(stdout=self.stdout)
                # Last: every demo account's work queue has something waiting.
                work_demo.load(stdout=self.stdout)
            # Mail is sent after commit, so count once the transaction has closed.
            held = len(outbox)
        if held:
            self.stdout.write(f"{held} notification e-mail(s) from the demo were not sent.")
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Log in at http://127.0.0.1:8000/accounts/login/")
        )
