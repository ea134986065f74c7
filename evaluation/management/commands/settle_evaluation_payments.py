from django.core.management.base import BaseCommand

from evaluation import services
from evaluation.models import EvaluationRequest, Status


class Command(BaseCommand):
    help = "Accept evaluation requests whose fee the ledger shows paid (backstop for the pages)."

    def handle(self, *args, **options):
        accepted = sum(
            services.settle_payment(evaluation=evaluation)
            for evaluation in EvaluationRequest.objects.filter(status=Status.AWAITING_PAYMENT)
        )
        self.stdout.write(f"{accepted} evaluation request(s) accepted")
