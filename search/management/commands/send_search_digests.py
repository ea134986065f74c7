from django.core.management.base import BaseCommand

from search.services import send_saved_search_digests


class Command(BaseCommand):
    help = "Email every saved search's new results since its last digest (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_saved_search_digests()} digest(s) queued")
