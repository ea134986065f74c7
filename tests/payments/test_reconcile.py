from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from payments import services
from payments.errors import PaymentError
from payments.models import Mismatch, Payment, Refund
from tests.factories import UserFactory

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


# stripe-mock lists one succeeded charge (created in 2009, no PaymentIntent): money Stripe holds
# that no ledger row accounts for, once the period reaches back that far.
MOCK_CHARGE_CREATED = datetime(2009, 2, 13, 23, 31, 30, tzinfo=UTC)


def test_a_charge_stripe_lists_that_the_ledger_lacks_is_reported():
    PaymentFactory(status=Payment.Status.PENDING)

    run = services.reconcile_payments(since=MOCK_CHARGE_CREATED - timedelta(days=1))

    (unrecorded,) = Mismatch.objects.filter(run=run, kind=Mismatch.Kind.UNRECORDED)
    assert unrecorded.stripe_id.startswith("ch_")
    assert unrecorded.payment is None
    assert unrecorded.ours == "-"
    assert unrecorded.theirs.startswith("100 ")


def test_charges_before_the_period_are_not_reported_as_unrecorded():
    run = services.reconcile_payments(since=MOCK_CHARGE_CREATED + timedelta(days=1))

    assert not Mismatch.objects.filter(run=run, kind=Mismatch.Kind.UNRECORDED).exists()


def test_staff_resolve_a_mismatch_with_a_note_once():
    run = services.reconcile_payments(since=MOCK_CHARGE_CREATED - timedelta(days=1))
    mismatch = run.mismatches.get()
    staff = UserFactory(is_staff=True)

    with pytest.raises(PaymentError, match="处理说明"):
        services.resolve_mismatch(mismatch=mismatch, by=staff, note="  ")
    services.resolve_mismatch(mismatch=mismatch, by=staff, note="测试环境收款，已与财务核实")

    mismatch.refresh_from_db()
    assert mismatch.resolved_by == staff
    assert mismatch.resolved_at is not None
    assert mismatch.resolution_note == "测试环境收款，已与财务核实"
    with pytest.raises(PaymentError, match="已经处理"):
        services.resolve_mismatch(mismatch=mismatch, by=staff, note="再次处理")


def test_a_user_who_is_not_staff_cannot_resolve_a_mismatch():
    run = services.reconcile_payments(since=MOCK_CHARGE_CREATED - timedelta(days=1))
    mismatch = run.mismatches.get()

    with pytest.raises(PaymentError, match="工作人员"):
        services.resolve_mismatch(mismatch=mismatch, by=UserFactory(), note="我来处理")
    mismatch.refresh_from_db()
    assert mismatch.resolved_at is None
