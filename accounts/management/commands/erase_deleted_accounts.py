from django.core.management.base import BaseCommand

from accounts.services import erase_due_accounts


class Command(BaseCommand):
    help = "Erase the personal data of accounts whose deletion cooling-off period has ended."

    def handle(self, *args, **options):
        count = erase_due_accounts()
        self.stdout.write(f"{count} account(s) erased")
