import pytest
from allauth.mfa.totp.internal.auth import TOTP

from payments import services
from payments.models import Mismatch, Payment, ReconciliationRun, Refund
from tests.factories import UserFactory

from .factories import PaymentFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    # Staff must have two-step verification to use the site (accounts' MFA middleware).
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)
    return client


def test_staff_see_payments_in_the_admin_and_can_filter_by_status(staff_client):
    paid = PaymentFactory(status=Payment.Status.SUCCEEDED, description="揭榜保证金：已缴")
    waiting = PaymentFactory(status=Payment.Status.PENDING, description="揭榜保证金：待缴")

    everything = staff_client.get("/admin/payments_payment/").content.decode()
    only_paid = staff_client.get("/admin/payments_payment/?status=succeeded").content.decode()

    assert paid.number in everything and waiting.number in everything
    assert paid.number in only_paid and waiting.number not in only_paid
    assert "¥200,000.00" in everything


def test_the_ledger_cannot_be_edited_in_the_admin(staff_client):
    payment = PaymentFactory()

    response = staff_client.get(f"/admin/payments_payment/edit/{payment.pk}/")

    assert response.status_code != 200
    assert staff_client.get(f"/admin/payments_payment/inspect/{payment.pk}/").status_code == 200


def test_staff_refund_a_deposit_from_the_admin(staff_client, stripe_requests):
    payment = PaymentFactory(status=Payment.Status.SUCCEEDED, amount_fen=1_000_000)
    inspect = staff_client.get(f"/admin/payments_payment/inspect/{payment.pk}/").content.decode()
    assert "退还保证金" in inspect

    response = staff_client.post(
        f"/admin/payments/refund/{payment.pk}/",
        {"amount_yuan": "2500.00", "reason": "发榜单位撤销榜单"},
    )

    assert response.status_code == 302
    refund = Refund.objects.get()
    assert refund.amount_fen == 250_000
    assert refund.reason == "发榜单位撤销榜单"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED


def test_staff_run_a_reconciliation_and_see_its_mismatches(staff_client):
    payment = PaymentFactory(status=Payment.Status.SUCCEEDED)

    response = staff_client.post("/admin/payments/reconcile/", follow=True)

    assert response.status_code == 200
    run = ReconciliationRun.objects.get()
    assert run.mismatch_count == 1
    page = response.content.decode()
    assert payment.stripe_checkout_session_id in page
    assert "状态不一致" in page


def test_staff_price_services_in_the_admin(staff_client):
    product = ProductFactory()

    page = staff_client.get("/admin/payments_product/").content.decode()

    assert product.name in page
    assert staff_client.get(f"/admin/payments_product/edit/{product.pk}/").status_code == 200


def test_ordinary_users_do_not_reach_the_payments_admin(client):
    client.force_login(UserFactory())

    assert client.get("/admin/payments_payment/").status_code != 200
    assert client.post("/admin/payments/reconcile/").status_code != 200
    assert not ReconciliationRun.objects.exists()


def test_staff_resolve_a_mismatch_from_the_admin(staff_client):
    payment = PaymentFactory(status=Payment.Status.SUCCEEDED)
    staff_client.post("/admin/payments/reconcile/")
    mismatch = Mismatch.objects.get(payment=payment)

    response = staff_client.post(
        f"/admin/payments/mismatch/{mismatch.pk}/resolve/",
        {"note": "Stripe 会话已过期，账面改为失败"},
        follow=True,
    )

    assert response.status_code == 200
    mismatch.refresh_from_db()
    assert mismatch.resolution_note == "Stripe 会话已过期，账面改为失败"
    assert "Stripe 会话已过期" in response.content.decode()


def test_ordinary_users_cannot_resolve_mismatches(client):
    PaymentFactory(status=Payment.Status.SUCCEEDED)
    run = services.reconcile_payments()
    mismatch = run.mismatches.get()
    client.force_login(UserFactory())

    assert client.post(
        f"/admin/payments/mismatch/{mismatch.pk}/resolve/", {"note": "x"}
    ).status_code in (302, 403)
    mismatch.refresh_from_db()
    assert mismatch.resolved_at is None
