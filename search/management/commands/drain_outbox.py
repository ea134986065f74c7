from django.core.management.base import BaseCommand

from search.outbox import drain_outbox


class Command(BaseCommand):
    help = "Apply waiting search index changes (the outbox) to Elasticsearch now."

    def handle(self, *args, **options):
        result = drain_outbox(refresh=True)
        self.stdout.write(
            f"indexed {result['indexed']}, failed {result['failed']}, "
            f"remaining {result['remaining']}"
        )
