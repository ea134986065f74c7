"""对公转账: staff record a bank transfer into the ledger; it has a Stripe payment's effects."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import AuditEvent
from challenges import services as challenge_services
from challenges.models import ChallengeStatus
from payments import selectors, services
from payments.errors import PaymentError
from payments.models import Channel, Payment, Purpose
from tests.challenges.factories import staff_user
from tests.factories import UserFactory

from .factories import PaymentFactory, challenge_awaiting_deposit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% bank receipt\n"


def receipt(name="回单.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def transfer(challenge=None, bill=None, **fields):
    values = {
        "by": staff_user(),
        "amount_fen": selectors.deposit_due_fen(challenge) if challenge else bill.amount_fen,
        "payer_name": "临沂木业集团有限公司",
        "reference": "37001668800052023309",
        "paid_on": timezone.localdate(),
        "receipt": receipt(),
        "challenge": challenge,
        "bill": bill,
    }
    values.update(fields)
    return services.record_bank_transfer(**values)


def test_a_recorded_deposit_transfer_lets_the_challenge_be_published():
    challenge = challenge_awaiting_deposit()
    staff = staff_user()

    payment = transfer(challenge, by=staff)
    challenge_services.publish_challenge(challenge=challenge, by=staff)

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.PUBLISHED
    assert payment.channel == Channel.OFFLINE
    assert payment.purpose == Purpose.DEPOSIT
    assert payment.status == Payment.Status.SUCCEEDED
    assert payment.recorded_by == staff
    assert payment.offline_receipt_name == "回单.pdf"
    assert "回单" not in payment.offline_receipt.name
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.OFFLINE_PAYMENT, actor=staff).exists()


def test_the_same_bank_reference_cannot_be_recorded_twice():
    first, second = challenge_awaiting_deposit(), challenge_awaiting_deposit()
    transfer(first)

    with pytest.raises(PaymentError, match="已经登记过"):
        transfer(second)
    assert not selectors.deposit_is_paid(second)


def test_only_staff_record_transfers():
    challenge = challenge_awaiting_deposit()

    with pytest.raises(PaymentError, match="工作人员"):
        transfer(challenge, by=challenge.created_by)
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount_fen": 0}, "大于零"),
        ({"reference": " "}, "流水号"),
        ({"paid_on": timezone.localdate() + timedelta(days=1)}, "晚于今天"),
        ({"receipt": receipt("回单.pdf", b"<html>not a pdf</html>")}, "不符"),
    ],
)
def test_a_transfer_with_bad_details_is_refused_and_nothing_saved(fields, message):
    challenge = challenge_awaiting_deposit()

    with pytest.raises(PaymentError, match=message):
        transfer(challenge, **fields)
    assert not Payment.objects.exists()


def test_more_than_the_deposit_due_is_refused():
    challenge = challenge_awaiting_deposit()

    with pytest.raises(PaymentError, match="超过应缴保证金"):
        transfer(challenge, amount_fen=selectors.deposit_due_fen(challenge) + 1)


def test_a_bill_paid_by_transfer_is_settled_in_place():
    bill = PaymentFactory(status=Payment.Status.CREATED, purpose=Purpose.SERVICE_FEE)

    payment = transfer(bill=bill)

    assert payment.pk == bill.pk
    bill.refresh_from_db()
    assert bill.status == Payment.Status.SUCCEEDED
    assert bill.channel == Channel.OFFLINE
    assert bill.offline_reference == "37001668800052023309"


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)
    return client


def test_staff_record_a_transfer_in_the_admin_and_download_its_receipt(staff_client):
    challenge = challenge_awaiting_deposit()
    due = selectors.deposit_due_fen(challenge)

    response = staff_client.post(
        "/admin/payments/transfer/",
        {
            "challenge": challenge.pk,
            "amount_yuan": f"{due / 100:.2f}",
            "payer_name": "临沂木业集团有限公司",
            "reference": "BANK-2026-0001",
            "paid_on": timezone.localdate().isoformat(),
            "receipt": receipt(),
        },
    )

    assert response.status_code == 302
    payment = Payment.objects.get()
    assert selectors.deposit_is_paid(challenge)
    scan = staff_client.get(f"/admin/payments/{payment.pk}/receipt-scan/")
    assert scan.status_code == 200
    assert b"".join(scan.streaming_content) == PDF


def test_an_ordinary_user_can_neither_record_a_transfer_nor_read_a_receipt(client):
    challenge = challenge_awaiting_deposit()
    payment = transfer(challenge)
    client.force_login(challenge.created_by)

    response = client.post(
        "/admin/payments/transfer/",
        {"challenge": challenge.pk, "amount_yuan": "1.00", "payer_name": "x", "reference": "y"},
    )

    assert response.status_code in (302, 403)
    assert Payment.objects.count() == 1
    assert client.get(f"/admin/payments/{payment.pk}/receipt-scan/").status_code in (302, 403)


def test_without_stripe_the_deposit_page_shows_the_bank_account_and_no_online_button(
    client, settings
):
    settings.STRIPE_SECRET_KEY = ""
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)

    page = client.get(f"/payments/challenges/{challenge.pk}/deposit/").content.decode()

    assert "1610 0012 0902 4888 888" in page
    assert f"BZJ{challenge.pk:06d}" in page
    assert "去支付保证金" not in page


def test_with_stripe_the_deposit_page_offers_both_ways(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)

    page = client.get(f"/payments/challenges/{challenge.pk}/deposit/").content.decode()

    assert "去支付保证金" in page
    assert "也可对公转账" in page
    assert f"BZJ{challenge.pk:06d}" in page
