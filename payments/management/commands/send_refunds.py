from django.core.management.base import BaseCommand

from payments.services import send_unsent_refunds


class Command(BaseCommand):
    help = "Send every online refund that has not reached Stripe yet (e.g. after an outage)."

    def handle(self, *args, **options):
        sent = send_unsent_refunds()
        self.stdout.write(f"{sent} refund(s) sent to Stripe")
