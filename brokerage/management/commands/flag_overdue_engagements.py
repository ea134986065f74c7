from django.core.management.base import BaseCommand

from brokerage.services import flag_overdue_engagements


class Command(BaseCommand):
    help = (
        "Notify brokers and staff of engagements past their stage's target duration (cron: hourly)."
    )

    def handle(self, *args, **options):
        flagged = flag_overdue_engagements()
        self.stdout.write(f"{flagged} overdue engagement(s) flagged")
