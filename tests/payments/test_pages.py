import pytest

from payments.models import Payment
from tests.factories import MembershipFactory, UserFactory

from .factories import ChallengeFactory, PaymentFactory, PriceFactory, owner_of
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
    challenge = ChallengeFactory()
    client.force_login(owner_of(challenge.organization))

    page = client.get(f"/payments/challenges/{challenge.pk}/deposit/").content.decode()
    assert "¥1,000,000.00" in page  # the bounty
    assert "¥200,000.00" in page and "20%" in page
    response = client.post(f"/payments/challenges/{challenge.pk}/deposit/")

    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.com/")


def test_an_outsider_may_not_pay_a_challenges_deposit(client):
    challenge = ChallengeFactory()
    client.force_login(UserFactory())

    assert client.post(f"/payments/challenges/{challenge.pk}/deposit/").status_code == 403
    assert not Payment.objects.exists()


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
    challenge = ChallengeFactory()
    price = PriceFactory()
    client.force_login(owner_of(challenge.organization))

    assert "在线支付尚未开通" in client.get("/payments/services/").content.decode()
    assert (
        "在线支付尚未开通"
        in client.get(f"/payments/services/{price.product.slug}/").content.decode()
    )
    response = client.post(f"/payments/challenges/{challenge.pk}/deposit/", follow=True)

    assert response.status_code == 200
    assert "在线支付尚未开通" in response.content.decode()
    assert Payment.objects.get().status == Payment.Status.CREATED
