"""An enterprise requests, the owner consents, the enterprise pays through Stripe (stripe-mock)."""

import pytest

from evaluation import services
from evaluation.errors import EvaluationError
from evaluation.models import Status
from notifications.models import Notification
from payments.models import Payment, Purpose
from tests.factories import MembershipFactory
from tests.payments.stripe_signing import deliver, event, intent_failed, session_completed

from .factories import AchievementFactory, owner_of, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def consented(evaluation_price):
    achievement = AchievementFactory()
    owner = owner_of(achievement.organization)
    buyer = MembershipFactory().user
    evaluation = services.request_evaluation(
        achievement=achievement, by=buyer, category="transfer", purpose="技术许可定价"
    )
    assert evaluation.status == Status.AWAITING_CONSENT
    services.consent_to_evaluation(evaluation=evaluation, by=owner, approve=True)
    evaluation.refresh_from_db()
    return evaluation, buyer


def test_an_enterprise_pays_and_the_completed_checkout_accepts_the_request(
    client, stripe_mock, consented, django_capture_on_commit_callbacks
):
    evaluation, buyer = consented
    staff = staff_user()
    client.force_login(buyer)

    response = client.post(f"/evaluation/{evaluation.pk}/pay/")

    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.com/")
    payment = Payment.objects.get()
    assert payment.related == evaluation
    assert payment.purpose == Purpose.PRODUCT
    assert payment.amount_fen == 680000
    assert payment.payer_organization == evaluation.requester_organization
    assert payment.status == Payment.Status.PENDING

    completed = event("checkout.session.completed", session_completed(payment))
    assert deliver(client, completed).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(f"/evaluation/{evaluation.pk}/").content.decode()

    evaluation.refresh_from_db()
    assert evaluation.status == Status.ACCEPTED
    assert "已受理" in page
    assert Notification.objects.filter(user=staff, event="evaluation_accepted").exists()


def test_paying_twice_reuses_the_open_checkout(client, stripe_mock, consented):
    evaluation, buyer = consented
    client.force_login(buyer)

    first = client.post(f"/evaluation/{evaluation.pk}/pay/")["Location"]
    second = client.post(f"/evaluation/{evaluation.pk}/pay/")["Location"]

    assert first == second
    assert Payment.objects.count() == 1


def test_a_failed_payment_leaves_the_request_waiting_for_payment(client, stripe_mock, consented):
    evaluation, buyer = consented
    client.force_login(buyer)
    client.post(f"/evaluation/{evaluation.pk}/pay/")
    payment = Payment.objects.get()

    deliver(client, event("payment_intent.payment_failed", intent_failed(payment)))
    services.settle_payment(evaluation=evaluation)

    evaluation.refresh_from_db()
    assert evaluation.status == Status.AWAITING_PAYMENT


def test_nobody_pays_before_the_owner_consents(stripe_mock, evaluation_price):
    achievement = AchievementFactory()
    buyer = MembershipFactory().user
    evaluation = services.request_evaluation(achievement=achievement, by=buyer, category="applied")

    with pytest.raises(EvaluationError, match="无需支付"):
        services.start_evaluation_checkout(evaluation=evaluation, by=buyer, site_url="http://t")
    assert not Payment.objects.exists()


def test_the_owner_can_decline_an_enterprise_request(evaluation_price):
    achievement = AchievementFactory()
    owner = owner_of(achievement.organization)
    evaluation = services.request_evaluation(
        achievement=achievement, by=MembershipFactory().user, category="applied"
    )

    services.consent_to_evaluation(
        evaluation=evaluation, by=owner, approve=False, reason="暂不评价"
    )

    evaluation.refresh_from_db()
    assert evaluation.status == Status.DECLINED
    assert evaluation.closing_reason == "暂不评价"


def test_staff_can_waive_the_fee_when_the_center_sponsors_it(evaluation_price):
    achievement = AchievementFactory()
    owner = owner_of(achievement.organization)
    evaluation = services.request_evaluation(achievement=achievement, by=owner, category="basic")
    assert evaluation.status == Status.AWAITING_PAYMENT

    with pytest.raises(EvaluationError, match="工作人员"):
        services.waive_fee(evaluation=evaluation, by=owner, reason="想免费")
    services.waive_fee(evaluation=evaluation, by=staff_user(), reason="2026年度中心资助项目")

    evaluation.refresh_from_db()
    assert evaluation.status == Status.ACCEPTED
    assert evaluation.fee_waived
    assert not Payment.objects.exists()


def test_the_requester_withdraws_before_acceptance_but_not_after(evaluation_price):
    achievement = AchievementFactory()
    owner = owner_of(achievement.organization)
    waiting = services.request_evaluation(achievement=achievement, by=owner, category="basic")
    services.cancel_evaluation(evaluation=waiting, by=owner, reason="材料未备齐")
    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED

    accepted = services.request_evaluation(achievement=achievement, by=owner, category="basic")
    services.waive_fee(evaluation=accepted, by=staff_user(), reason="中心资助")
    with pytest.raises(EvaluationError, match="已受理"):
        services.cancel_evaluation(evaluation=accepted, by=owner, reason="不想评了")
