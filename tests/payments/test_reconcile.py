import pytest
from django.core.management import CommandError, call_command

from payments import services
from payments.models import Mismatch, Payment, Refund

from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

# stripe-mock answers every retrieve with its fixture: a session that is open and "unpaid", a
# refund of 100 (fen) that "succeeded". Ledger rows are built to agree or disagree with that.


def test_a_payment_our_ledger_calls_paid_but_stripe_calls_unpaid_is_reported(capsys):
    paid_here = PaymentFactory(status=Payment.Status.SUCCEEDED)
    agreeing = PaymentFactory(status=Payment.Status.PENDING)

    call_command("reconcile_payments")

    out = capsys.readouterr().out
    assert f"MISMATCH status      {paid_here.number}" in out
    assert "ours=succeeded stripe=unpaid" in out
    assert agreeing.number not in out
    (mismatch,) = Mismatch.objects.filter(payment=paid_here)
    assert mismatch.kind == Mismatch.Kind.STATUS
    assert mismatch.stripe_id == paid_here.stripe_checkout_session_id
    assert not Mismatch.objects.filter(payment=agreeing).exists()


def test_a_refund_whose_amount_differs_from_stripes_is_reported():
    payment = PaymentFactory(status=Payment.Status.PENDING)
    agreeing = Refund.objects.create(
        payment=payment, amount_fen=100, reason="一致", status="succeeded", stripe_refund_id="re_a"
    )
    differing = Refund.objects.create(
        payment=payment,
        amount_fen=5000,
        reason="不一致",
        status="pending",
        stripe_refund_id="re_b",
    )

    run = services.reconcile_payments()

    assert run.checked == 3
    kinds = set(Mismatch.objects.filter(refund=differing).values_list("kind", "ours", "theirs"))
    assert kinds == {("amount", "5000", "100"), ("status", "pending", "succeeded")}
    assert not Mismatch.objects.filter(refund=agreeing).exists()
    assert run.mismatch_count == 2


def test_strict_mode_fails_the_command_when_anything_disagrees():
    PaymentFactory(status=Payment.Status.REFUNDED)

    with pytest.raises(CommandError):
        call_command("reconcile_payments", "--strict")


def test_bank_transfers_are_not_checked_against_stripe():
    PaymentFactory(status=Payment.Status.SUCCEEDED, channel="offline")

    run = services.reconcile_payments()

    assert run.checked == 0
    assert run.mismatch_count == 0
