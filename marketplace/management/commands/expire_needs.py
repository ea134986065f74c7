from django.core.management.base import BaseCommand

from marketplace.services import expire_overdue_needs


class Command(BaseCommand):
    help = "Expire published needs whose deadline has passed (run daily)."

    def handle(self, *args, **options):
        count = expire_overdue_needs()
        self.stdout.write(f"{count} need(s) expired")
