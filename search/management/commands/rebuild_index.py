from django.core.management.base import BaseCommand

from search.outbox import drain_outbox
from search.rebuild import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the search indices into new versioned indices and swap the aliases atomically."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, no_progress=False, **options):
        new = rebuild_all(progress=not no_progress)
        drain_outbox(refresh=True)
        for kind, name in new.items():
            self.stdout.write(f"{kind}: {name}")
