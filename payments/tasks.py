"""Background work of the payments app: refunds go to Stripe after the cancelling commit."""

from django_tasks import task


@task()
def send_refund_task(refund_id: int) -> bool:
    """Send one pending refund; returns whether Stripe now knows it (safe to run twice)."""
    from .models import Refund
    from .services import send_refund

    refund = Refund.objects.select_related("payment").filter(pk=refund_id).first()
    if refund is None:
        return False
    return bool(send_refund(refund=refund).stripe_refund_id)
