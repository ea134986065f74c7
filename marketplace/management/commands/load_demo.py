from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load realistic Chinese demo content for every role (idempotent: safe to run again)."

    def handle(self, *args, **options):
        from accounts import demo as accounts_demo
        from marketplace import demo as marketplace_demo

        with transaction.atomic():
            accounts_demo.load(stdout=self.stdout)
            marketplace_demo.load(stdout=self.stdout)
            # Before cms: the demo challenge call lists the demo challenges.
            __import__("challenges.demo").demo.load(stdout=self.stdout)
            __import__("payments.demo").demo.load(stdout=self.stdout)
            __import__("cms.demo").demo.load(stdout=self.stdout)
            __import__("brokerage.demo").demo.load(stdout=self.stdout)
            __import__("evaluation.demo").demo.load(stdout=self.stdout)
            __import__("search.demo").demo.load(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Log in at http://127.0.0.1:8000/accounts/login/")
        )
