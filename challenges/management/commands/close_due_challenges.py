from django.core.management.base import BaseCommand

from challenges.services import close_due_challenges


class Command(BaseCommand):
    help = "Close every published challenge whose application deadline has passed (idempotent)."

    def handle(self, *args, **options):
        closed = close_due_challenges()
        self.stdout.write(f"closed {closed} challenge(s)")
