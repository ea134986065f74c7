"""The ledger in the admin reads like the public site: yuan with separators (never the stored
fen), Shanghai time everywhere (lists, inspect views, exports), nothing shown as "None"."""

import csv
import io
from datetime import UTC, datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from payments.models import Mismatch, Payment, ReconciliationRun, Refund
from tests.factories import UserFactory

from .factories import PaymentFactory

pytestmark = pytest.mark.django_db

PAID_AT = datetime(2026, 3, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(staff)  # both factors (see tests/conftest.py)
    return client


def _paid(**fields) -> Payment:
    payment = PaymentFactory(status=Payment.Status.SUCCEEDED, amount_fen=16_000_000, **fields)
    Payment.objects.filter(pk=payment.pk).update(created_at=PAID_AT, paid_at=PAID_AT)
    return payment


def test_the_payment_inspect_view_shows_yuan_and_shanghai_time(staff_client):
    payment = _paid()

    page = staff_client.get(f"/admin/payments_payment/inspect/{payment.pk}/").content.decode()

    assert "¥160,000.00" in page and "金额（元）" in page
    assert "16000000" not in page and "金额（分）" not in page
    assert "2026-03-01 09:30" in page and "01:30" not in page
    assert "CNY" in page
    assert ">None<" not in page.replace(" ", "").replace("\n", "")


def test_the_payment_export_writes_yuan_and_shanghai_time(staff_client):
    _paid()

    response = staff_client.get("/admin/payments_payment/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert rows[0]["金额（元）"] == "160000.00"
    assert rows[0]["支付时间"].startswith("2026-03-01 09:30")
    assert "+00:00" not in rows[0]["支付时间"]


def test_refunds_and_mismatches_name_amounts_in_yuan(staff_client):
    payment = _paid()
    refund = Refund.objects.create(payment=payment, amount_fen=250_000, reason="撤榜")
    run = ReconciliationRun.objects.create(checked=1, mismatch_count=1)
    Mismatch.objects.create(
        run=run, kind=Mismatch.Kind.AMOUNT, payment=payment, refund=refund, stripe_id="re_1",
        ours="250000", theirs="240000",
    )  # fmt: skip

    mismatches = staff_client.get("/admin/payments_mismatch/").content.decode()

    assert "¥2,500.00" in mismatches and "¥2,400.00" in mismatches
    assert "250000" not in mismatches and "240000" not in mismatches


def test_a_reconciliation_run_is_named_by_its_shanghai_start_time(staff_client):
    run = ReconciliationRun.objects.create(checked=1)
    ReconciliationRun.objects.filter(pk=run.pk).update(started_at=PAID_AT, finished_at=PAID_AT)

    page = staff_client.get("/admin/payments_run/").content.decode()

    assert "2026-03-01 09:30" in page and "01:30" not in page
