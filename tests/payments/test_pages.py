import pytest

from payments.models import Payment
from tests.challenges.factories import staff_user
from tests.factories import MembershipFactory, UserFactory

from .factories import (
    PaymentFactory,
    PriceFactory,
    challenge_awaiting_deposit,
    stripe_deposit_for,
)
from .fees import registered_contract_fee
from .stripe_signing import deliver, event, session_completed

pytestmark = pytest.mark.django_db


def test_my_receipts_list_my_payments_and_my_organizations_but_not_others(client):
    me = UserFactory()
    membership = MembershipFactory(user=me, role="admin")
    mine = PaymentFactory(payer=me, description="成果评价服务（标准评价）")
    colleague_paid = PaymentFactory(
        payer_organization=membership.organization, description="揭榜保证金：同事代缴"
    )
    strangers = PaymentFactory(description="别人的保证金")
    client.force_login(me)

    page = client.get("/payments/").content.decode()

    assert "我的支付记录" in page
    assert mine.number in page and colleague_paid.number in page
    assert strangers.number not in page
    assert "¥200,000.00" in page


def test_someone_elses_receipt_is_not_found(client):
    client.force_login(UserFactory())

    response = client.get(f"/payments/receipts/{PaymentFactory().number}/")

    assert response.status_code == 404


def test_the_return_from_checkout_shows_processing_and_changes_nothing(client):
    payment = PaymentFactory()
    client.force_login(payment.payer)
    session = payment.stripe_checkout_session_id
    url = f"/payments/receipts/{payment.number}/return/?session_id={session}"

    page = client.get(url).content.decode()

    assert "正在确认支付结果" in page
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_the_return_page_shows_paid_once_the_verified_event_arrived(client):
    payment = PaymentFactory()
    deliver(client, event("checkout.session.completed", session_completed(payment)))
    client.force_login(payment.payer)

    page = client.get(f"/payments/receipts/{payment.number}/return/").content.decode()

    assert "支付成功" in page
    assert "正在确认支付结果" not in page


def test_a_member_of_the_challenges_organization_is_sent_to_checkout(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)

    page = client.get(f"/payments/challenges/{challenge.pk}/deposit/").content.decode()
    assert challenge.title in page
    assert "¥1,000,000.00" in page  # the bounty
    assert "¥200,000.00" in page and "20%" in page
    response = client.post(f"/payments/challenges/{challenge.pk}/deposit/")

    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.com/")
    assert Payment.objects.get().related == challenge


def test_an_outsider_may_not_pay_a_challenges_deposit(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(UserFactory())

    assert client.get(f"/payments/challenges/{challenge.pk}/deposit/").status_code == 403
    assert client.post(f"/payments/challenges/{challenge.pk}/deposit/").status_code == 403
    assert not Payment.objects.exists()


def test_the_challenge_page_asks_its_owner_to_pay_the_deposit_until_it_is_paid(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(challenge.created_by)
    deposit_url = f"/payments/challenges/{challenge.pk}/deposit/"

    unpaid = client.get(challenge.get_absolute_url()).content.decode()
    assert "支付保证金" in unpaid and deposit_url in unpaid and "¥200,000.00" in unpaid

    payment = stripe_deposit_for(challenge)
    deliver(client, event("checkout.session.completed", session_completed(payment)))
    paid = client.get(challenge.get_absolute_url()).content.decode()
    assert "已缴纳" in paid and deposit_url not in paid
    assert payment.number in paid  # the receipt link


def test_staff_outside_the_organization_do_not_get_the_deposit_call_to_action(client):
    challenge = challenge_awaiting_deposit()
    client.force_login(staff_user())

    response = client.get(challenge.get_absolute_url())

    assert response.status_code == 200
    assert "发榜单位操作" in response.content.decode()
    assert "支付保证金" not in response.content.decode()


def test_a_registered_contracts_service_fee_is_paid_from_the_receipt(client, stripe_requests):
    fee = registered_contract_fee()
    client.force_login(fee.payer)

    listing = client.get("/payments/").content.decode()
    assert fee.number in listing and "去支付" in listing
    receipt = client.get(f"/payments/receipts/{fee.number}/").content.decode()
    assert f"/payments/receipts/{fee.number}/pay/" in receipt
    response = client.post(f"/payments/receipts/{fee.number}/pay/")

    assert response.status_code == 303
    fee.refresh_from_db()
    assert fee.status == Payment.Status.PENDING
    assert response["Location"] == fee.checkout_url


def test_a_failed_service_fee_is_paid_again_through_a_fresh_attempt(client, stripe_requests):
    fee = registered_contract_fee()
    Payment.objects.filter(pk=fee.pk).update(status=Payment.Status.FAILED)
    client.force_login(fee.payer)

    response = client.post(f"/payments/receipts/{fee.number}/pay/")

    assert response.status_code == 303
    retry = Payment.objects.exclude(pk=fee.pk).get()
    assert (retry.related, retry.amount_fen, retry.purpose) == (
        fee.related,
        fee.amount_fen,
        fee.purpose,
    )
    assert retry.status == Payment.Status.PENDING


def test_nobody_else_pays_someone_elses_bill(client):
    fee = registered_contract_fee()
    client.force_login(UserFactory())

    assert client.post(f"/payments/receipts/{fee.number}/pay/").status_code == 404
    fee.refresh_from_db()
    assert fee.status == Payment.Status.CREATED


def test_buying_a_priced_service_redirects_to_checkout(client):
    price = PriceFactory(amount_fen=680000)
    client.force_login(UserFactory())

    listing = client.get("/payments/services/").content.decode()
    assert price.product.name in listing and "¥6,800.00" in listing
    response = client.post(f"/payments/services/{price.product.slug}/", {"price": price.pk})

    assert response.status_code == 303
    payment = Payment.objects.get()
    assert payment.price == price and payment.amount_fen == 680000
    assert response["Location"] == payment.checkout_url


def test_an_inactive_price_cannot_be_bought(client):
    price = PriceFactory(active=False)
    client.force_login(UserFactory())

    response = client.post(f"/payments/services/{price.product.slug}/", {"price": price.pk})

    assert response.status_code == 302
    assert not Payment.objects.exists()


def test_without_stripe_keys_pages_explain_and_nothing_crashes(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    challenge = challenge_awaiting_deposit()
    price = PriceFactory()
    client.force_login(challenge.created_by)

    assert "在线支付尚未开通" in client.get("/payments/services/").content.decode()
    assert (
        "在线支付尚未开通"
        in client.get(f"/payments/services/{price.product.slug}/").content.decode()
    )
    response = client.post(f"/payments/challenges/{challenge.pk}/deposit/", follow=True)

    assert response.status_code == 200
    assert "在线支付尚未开通" in response.content.decode()
    assert Payment.objects.get().status == Payment.Status.CREATED
