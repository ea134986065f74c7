"""Contacts follow the consent rule everywhere: staff, the organization's own members, the
engagement's brokers, and its parties once both consented — nobody else sees them."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Membership
from brokerage import services
from brokerage.errors import NotAllowed
from brokerage.models import Stage
from marketplace import services as marketplace
from marketplace.exporting import export_xlsx
from marketplace.models import Achievement, Inquiry
from marketplace.services import ListingActionRefused
from notifications.models import Notification
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.marketplace.factories import good_achievement, good_need, member

from .factories import EngagementFactory, broker, demand_user, staff, supply_user

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
EMAIL = "secret-contact@yimeng.example.cn"
ORG_PHONE = "0539-7654321"
ORG_EMAIL = "office@hidden-org.example.cn"
INQUIRER_PHONE = "13687654321"


def leaks(text: str) -> bool:
    return any(v in text for v in (PHONE, EMAIL, ORG_PHONE, ORG_EMAIL))


@pytest.fixture
def listings():
    owner, org = member()
    org.contact_name, org.contact_phone, org.contact_email = "周主任", ORG_PHONE, ORG_EMAIL
    org.save()
    contact = {"contact_name": "王老师", "contact_phone": PHONE, "contact_email": EMAIL}
    achievement = good_achievement(org, created_by=owner, **contact)
    need = good_need(org, created_by=owner, **contact)
    return owner, org, achievement, need


def pages(client, org, achievement, need) -> list[str]:
    urls = [f"/achievements/{achievement.pk}/", f"/needs/{need.pk}/", f"/orgs/{org.pk}/"]
    responses = [client.get(url) for url in urls]
    assert all(r.status_code == 200 for r in responses)
    return [r.content.decode() for r in responses]


def test_anonymous_visitors_see_no_phone_or_email_on_listings_and_organization(client, listings):
    _owner, org, achievement, need = listings
    for page in pages(client, org, achievement, need):
        assert not leaks(page)
        assert "通过平台联系" in page or "提交意向" in page
    assert "通过平台联系" in client.get(f"/achievements/{achievement.pk}/").content.decode()


def test_an_unverified_organizations_page_hides_its_contacts_too(client):
    org = OrganizationFactory(
        verification_status="unverified", contact_phone=ORG_PHONE, contact_email=ORG_EMAIL
    )
    assert not leaks(client.get(f"/orgs/{org.pk}/").content.decode())


def test_an_unrelated_signed_in_user_sees_no_contacts(client, listings):
    _owner, org, achievement, need = listings
    stranger, _other_org = member()
    client.force_login(stranger)
    for page in pages(client, org, achievement, need):
        assert not leaks(page)


def test_the_inquiry_button_replaces_the_contacts_for_a_user_who_may_inquire(client, listings):
    _owner, _org, achievement, _need = listings
    stranger, _other_org = member()
    client.force_login(stranger)
    page = client.get(f"/achievements/{achievement.pk}/").content.decode()
    assert "通过平台联系" in page and 'href="#interest-h"' in page


def test_members_of_the_organization_see_the_contacts(client, listings):
    _owner, org, achievement, need = listings
    plain = MembershipFactory(organization=org, role=Membership.Role.MEMBER).user
    client.force_login(plain)
    achievement_page, need_page, org_page = pages(client, org, achievement, need)
    assert PHONE in achievement_page and EMAIL in achievement_page
    assert PHONE in need_page
    assert ORG_PHONE in org_page and ORG_EMAIL in org_page


def test_staff_see_the_contacts(client, listings):
    _owner, org, achievement, need = listings
    client.force_login(staff())
    achievement_page, _need_page, org_page = pages(client, org, achievement, need)
    assert PHONE in achievement_page and ORG_EMAIL in org_page


def test_the_engagements_broker_sees_the_listings_contacts_and_another_broker_does_not(
    client, listings
):
    _owner, org, achievement, _need = listings
    engagement = EngagementFactory(achievement=achievement, supply_organization=org)
    client.force_login(engagement.lead_broker)
    assert PHONE in client.get(f"/achievements/{achievement.pk}/").content.decode()
    client.force_login(broker())
    assert PHONE not in client.get(f"/achievements/{achievement.pk}/").content.decode()


def test_the_other_party_sees_the_contacts_only_after_both_consented(client, listings):
    owner, org, achievement, _need = listings
    engagement = EngagementFactory(
        achievement=achievement, supply_organization=org, stage=Stage.CONTACTED
    )
    buyer = demand_user(engagement)
    client.force_login(buyer)
    assert PHONE not in client.get(f"/achievements/{achievement.pk}/").content.decode()
    services.consent_to_disclosure(engagement=engagement, by=buyer)
    assert PHONE not in client.get(f"/achievements/{achievement.pk}/").content.decode()
    services.consent_to_disclosure(engagement=engagement, by=owner)
    assert PHONE in client.get(f"/achievements/{achievement.pk}/").content.decode()


def test_the_api_does_not_leak_contacts(client, listings):
    _owner, org, achievement, need = listings
    urls = [
        "/api/v1/achievements",
        f"/api/v1/achievements/{achievement.pk}",
        "/api/v1/needs",
        f"/api/v1/needs/{need.pk}",
        f"/api/v1/accounts/orgs/{org.pk}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not leaks(response.content.decode()), url


def test_the_api_gives_members_the_contacts_and_others_null(client, listings):
    _owner, org, achievement, need = listings
    anonymous = client.get(f"/api/v1/achievements/{achievement.pk}").json()
    assert anonymous["contact"] is None
    client.force_login(MembershipFactory(organization=org, role=Membership.Role.MEMBER).user)
    assert client.get(f"/api/v1/achievements/{achievement.pk}").json()["contact"]["phone"] == PHONE
    assert client.get(f"/api/v1/needs/{need.pk}").json()["contact"]["email"] == EMAIL
    assert client.get(f"/api/v1/accounts/orgs/{org.pk}").json()["contact"]["phone"] == ORG_PHONE


def test_the_api_list_gives_an_unrelated_user_no_contacts(client, listings):
    stranger, _org = member()
    client.force_login(stranger)
    body = client.get("/api/v1/achievements").content.decode()
    assert not leaks(body)


def test_the_export_does_not_carry_contacts(listings):
    _owner, org, _achievement, _need = listings
    data = export_xlsx(Achievement.objects.filter(organization=org))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        text = "".join(book.read(n).decode("utf-8", "ignore") for n in book.namelist())
    assert not leaks(text)


# --- The negotiation room: offers and files are masked like messages --------------------------


@pytest.fixture
def negotiation():
    engagement = EngagementFactory(stage=Stage.CONTACTED)
    return engagement, supply_user(engagement), demand_user(engagement)


def test_an_offers_payment_terms_reach_the_other_party_masked(client, negotiation):
    engagement, seller, buyer = negotiation
    services.make_offer(
        engagement=engagement,
        price="500000",
        payment_terms=f"签约后付30%，细节请电话 {PHONE} 或邮件 {EMAIL}",
        transfer_mode="license",
        by=seller,
    )
    offer = engagement.offers.get()
    assert PHONE not in offer.payment_terms and EMAIL not in offer.payment_terms
    assert "[电话已隐藏]" in offer.payment_terms
    client.force_login(buyer)
    room = client.get(f"/engagements/{engagement.pk}/room/").content.decode()
    assert PHONE not in room and EMAIL not in room
    api = client.get(f"/api/v1/brokerage/engagements/{engagement.pk}/messages").content.decode()
    assert PHONE not in api


def test_a_counter_offers_terms_are_masked_too(negotiation):
    engagement, seller, buyer = negotiation
    services.make_offer(
        engagement=engagement,
        price="500000",
        payment_terms="一次付清",
        transfer_mode="license",
        by=seller,
    )
    services.respond_to_offer(
        offer=engagement.offers.get(),
        response="counter",
        by=buyer,
        counter={"price": "400000", "payment_terms": f"分期，联系 {PHONE}"},
    )
    assert PHONE not in engagement.offers.latest("id").payment_terms


def test_offer_terms_are_not_masked_once_the_contacts_are_disclosed(negotiation):
    engagement, seller, buyer = negotiation
    services.consent_to_disclosure(engagement=engagement, by=seller)
    services.consent_to_disclosure(engagement=engagement, by=buyer)
    services.make_offer(
        engagement=engagement,
        price="500000",
        payment_terms=f"联系 {PHONE}",
        transfer_mode="license",
        by=seller,
    )
    assert PHONE in engagement.offers.get().payment_terms


def test_a_room_file_name_carrying_a_phone_number_is_masked(negotiation):
    engagement, seller, _buyer = negotiation
    upload = SimpleUploadedFile(f"报价单-{PHONE}.pdf", b"%PDF-1.4 test", "application/pdf")
    room_file = services.upload_room_file(engagement=engagement, upload=upload, by=seller)
    assert PHONE not in room_file.original_name
    message = services.post_file(engagement=engagement, file_id=room_file.pk, by=seller)
    assert PHONE not in message.body


# --- Inquiries: the owner's card, the notification, the organization they are made for --------


@pytest.fixture
def inquiry_setting():
    owner, org = member()
    achievement = good_achievement(org, created_by=owner, title="无醛胶成果")
    inquirer = UserFactory(phone=INQUIRER_PHONE, email="inquirer-private@example.cn")
    inquirer_org = MembershipFactory(user=inquirer).organization
    inquiry = marketplace.express_interest(
        listing=achievement, by=inquirer, message=f"想洽谈许可合作，电话 {INQUIRER_PHONE}"
    )
    return owner, achievement, inquirer, inquirer_org, inquiry


def test_the_owners_inquiry_card_hides_the_inquirers_phone_and_email_before_consent(
    client, inquiry_setting
):
    owner, _achievement, inquirer, _org, _inquiry = inquiry_setting
    client.force_login(owner)
    for url in ("/dashboard/inquiries/", "/dashboard/"):
        page = client.get(url).content.decode()
        assert "想洽谈许可合作" in page
        assert INQUIRER_PHONE not in page and inquirer.email not in page


def test_the_owners_inquiry_card_shows_them_once_both_sides_consented(client, inquiry_setting):
    owner, _achievement, inquirer, _org, inquiry = inquiry_setting
    engagement = services.claim_inquiry(inquiry=inquiry, by=broker())
    services.mark_contacted(engagement=engagement, by=engagement.lead_broker)
    services.consent_to_disclosure(engagement=engagement, by=inquirer)
    client.force_login(owner)
    assert inquirer.email not in client.get("/dashboard/inquiries/").content.decode()
    services.consent_to_disclosure(engagement=engagement, by=owner)
    page = client.get("/dashboard/inquiries/").content.decode()
    assert INQUIRER_PHONE in page and inquirer.email in page


def test_the_inquiry_notification_carries_no_contact_details(inquiry_setting):
    owner, _achievement, inquirer, inquirer_org, _inquiry = inquiry_setting
    note = Notification.objects.get(user=owner, event="inquiry_received")
    assert INQUIRER_PHONE not in note.body and inquirer.email not in note.body
    assert inquirer_org.name in note.body


def test_brokers_claimable_list_masks_the_inquirers_phone(client, inquiry_setting):
    _owner, _achievement, _inquirer, _org, _inquiry = inquiry_setting
    client.force_login(broker())
    page = client.get("/broker/inquiries/").content.decode()
    assert "想洽谈许可合作" in page and INQUIRER_PHONE not in page


def test_a_single_membership_is_chosen_automatically(inquiry_setting):
    _owner, _achievement, _inquirer, inquirer_org, inquiry = inquiry_setting
    assert inquiry.organization == inquirer_org


@pytest.fixture
def two_org_inquirer():
    owner, org = member()
    achievement = good_achievement(org, created_by=owner)
    inquirer = UserFactory()
    chosen = MembershipFactory(user=inquirer, role=Membership.Role.MEMBER).organization
    other = MembershipFactory(user=inquirer, role=Membership.Role.MEMBER).organization
    return owner, achievement, inquirer, chosen, other


def test_a_member_of_two_organizations_must_choose_one(two_org_inquirer):
    _owner, achievement, inquirer, _chosen, _other = two_org_inquirer
    with pytest.raises(ListingActionRefused):
        marketplace.express_interest(listing=achievement, by=inquirer, message="合作")
    assert not Inquiry.objects.exists()


def test_an_inquiry_cannot_name_an_organization_the_user_is_not_in(two_org_inquirer):
    _owner, achievement, inquirer, _chosen, _other = two_org_inquirer
    with pytest.raises(ListingActionRefused):
        marketplace.express_interest(
            listing=achievement, by=inquirer, message="合作", organization=OrganizationFactory()
        )


def test_the_inquiry_form_posts_the_chosen_organization(client, two_org_inquirer):
    _owner, achievement, inquirer, chosen, other = two_org_inquirer
    client.force_login(inquirer)
    page = client.get(f"/achievements/{achievement.pk}/").content.decode()
    assert chosen.name in page and other.name in page
    client.post(
        f"/achievements/{achievement.pk}/interest/",
        {"message": "我们想合作", "organization": chosen.pk},
    )
    assert Inquiry.objects.get().organization == chosen


def test_only_the_chosen_organizations_admins_and_added_members_can_accept_the_offer(
    two_org_inquirer,
):
    owner, achievement, inquirer, chosen, other = two_org_inquirer
    inquiry = marketplace.express_interest(
        listing=achievement, by=inquirer, message="合作", organization=chosen
    )
    engagement = services.claim_inquiry(inquiry=inquiry, by=broker())
    assert engagement.demand_organization == chosen
    services.mark_contacted(engagement=engagement, by=engagement.lead_broker)
    services.make_offer(
        engagement=engagement,
        price="300000",
        payment_terms="一次付清",
        transfer_mode="license",
        by=owner,
    )
    offer = engagement.offers.get()
    other_admin = MembershipFactory(organization=other, role=Membership.Role.OWNER).user
    chosen_plain = MembershipFactory(organization=chosen, role=Membership.Role.MEMBER).user
    for outsider in (other_admin, chosen_plain):
        with pytest.raises(NotAllowed):
            services.respond_to_offer(offer=offer, response="accept", by=outsider)
    chosen_admin = MembershipFactory(organization=chosen, role=Membership.Role.ADMIN).user
    with pytest.raises(NotAllowed):
        services.add_party_member(engagement=engagement, user=chosen_plain, by=other_admin)
    services.add_party_member(engagement=engagement, user=chosen_plain, by=chosen_admin)
    services.respond_to_offer(offer=offer, response="accept", by=chosen_plain)
    engagement.refresh_from_db()
    assert engagement.stage == Stage.AGREED


def test_a_plain_member_of_a_party_organization_cannot_open_the_room(client, negotiation):
    engagement, _seller, _buyer = negotiation
    plain = MembershipFactory(
        organization=engagement.demand_organization, role=Membership.Role.MEMBER
    ).user
    client.force_login(plain)
    assert client.get(f"/engagements/{engagement.pk}/room/").status_code in (302, 403, 404)
