from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from payments.services import reconcile_payments
from payments.stripe_api import StripeNotConfigured


class Command(BaseCommand):
    help = "Compare the payments ledger with Stripe and list every mismatch (stored for the admin)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="only payments created in the last N days"
        )
        parser.add_argument(
            "--strict", action="store_true", help="exit with an error when any mismatch is found"
        )

    def handle(self, *args, days=None, strict=False, **options):
        since = timezone.now() - timedelta(days=days) if days else None
        try:
            run = reconcile_payments(since=since)
        except StripeNotConfigured as exc:
            raise CommandError(f"Stripe is not configured (STRIPE_SECRET_KEY): {exc}") from exc
        for m in run.mismatches.select_related("payment", "refund"):
            subject = m.payment.number if m.payment else "-"
            if m.refund_id:
                subject += f" refund#{m.refund_id}"
            self.stdout.write(
                f"MISMATCH {m.kind:<11} {subject:<24} {m.stripe_id:<32} "
                f"ours={m.ours} stripe={m.theirs}"
            )
        summary = f"checked {run.checked}, mismatches {run.mismatch_count} (run #{run.pk})"
        if run.mismatch_count:
            if strict:
                raise CommandError(summary)
            self.stdout.write(self.style.WARNING(summary))
        else:
            self.stdout.write(self.style.SUCCESS(summary))
