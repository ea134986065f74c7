"""Milestone payouts registered in the challenge workflow land in the payments ledger."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from challenges import services as challenge_services
from challenges.errors import ChallengeError
from payments import selectors
from payments.models import Payment, Payout, Purpose
from tests.challenges.factories import reviewed

pytestmark = pytest.mark.django_db


def accepted_milestone(payout_cny):
    challenge, apps, staff, _experts = reviewed(2)
    challenge_services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])
    challenge.announcement_ends_at = timezone.now() - timedelta(minutes=1)
    challenge.save()
    challenge_services.confirm_award(challenge=challenge, by=staff)
    owner = challenge.created_by
    milestone = challenge_services.add_milestone(
        challenge=challenge,
        application=apps[0],
        by=owner,
        title="样机现场验收",
        deliverables="检测样机与第三方测试报告",
        due_date=timezone.localdate() + timedelta(days=180),
        payout_cny=payout_cny,
    )
    challenge_services.start_delivery(challenge=challenge, by=owner)
    challenge_services.deliver_milestone(milestone=milestone, by=apps[0].lead, note="样机已部署")
    challenge_services.accept_milestone(
        milestone=milestone, by=owner, accepted=True, note="检出率 99.6%"
    )
    milestone.refresh_from_db()
    return milestone, staff


def test_a_payout_within_the_deposit_comes_out_of_escrow():
    milestone, staff = accepted_milestone(Decimal("150000"))
    deposit = Payment.objects.get(purpose=Purpose.DEPOSIT)  # ¥200,000, paid by bank transfer

    challenge_services.record_milestone_payout(
        milestone=milestone, by=staff, reference="37001668800052023582"
    )

    payout = Payout.objects.get()
    assert payout.source == Payout.Source.ESCROW
    assert payout.payment == deposit
    assert payout.related == milestone
    assert payout.amount_fen == 15_000_000
    assert payout.status == Payout.Status.PAID
    assert payout.bank_reference == "37001668800052023582"
    assert payout.payee == milestone.application.lead_organization
    assert payout.payee_name == milestone.application.team_name
    assert selectors.available_fen(deposit) == 5_000_000
    milestone.refresh_from_db()
    assert milestone.payout_status == "paid"


def test_what_the_deposit_does_not_cover_is_recorded_as_paid_directly_by_the_owner():
    milestone, staff = accepted_milestone(Decimal("600000"))

    challenge_services.record_milestone_payout(milestone=milestone, by=staff, reference="BANK-1")

    escrow = Payout.objects.get(source=Payout.Source.ESCROW)
    direct = Payout.objects.get(source=Payout.Source.DIRECT)
    assert escrow.amount_fen == 20_000_000  # all of the ¥200,000 deposit
    assert direct.amount_fen == 40_000_000
    assert direct.payment is None
    assert escrow.amount_fen + direct.amount_fen == 60_000_000
    assert selectors.available_fen(escrow.payment) == 0


def test_a_payout_without_a_bank_reference_is_refused_and_nothing_is_recorded():
    milestone, staff = accepted_milestone(Decimal("150000"))

    with pytest.raises(ChallengeError, match="流水号"):
        challenge_services.record_milestone_payout(milestone=milestone, by=staff, reference=" ")

    assert not Payout.objects.exists()
    milestone.refresh_from_db()
    assert milestone.payout_status == "payable"


def test_payouts_are_listed_in_the_payments_admin(client):
    milestone, staff = accepted_milestone(Decimal("150000"))
    challenge_services.record_milestone_payout(milestone=milestone, by=staff, reference="BANK-7")
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)

    page = client.get("/admin/payments_payout/").content.decode()

    assert "样机现场验收" in page and "BANK-7" in page and "¥150,000.00" in page
