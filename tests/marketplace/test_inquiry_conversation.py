"""An inquiry is a conversation: the owner answers on the site, the inquirer is told and writes
back; the inquirer, the listing's owner and an assigned broker read it, and nobody else."""

import pytest

from accounts.models import Membership
from brokerage import services as brokerage_services
from marketplace import services
from marketplace.models import Inquiry, InquiryReply
from marketplace.services import ListingActionRefused
from notifications.models import Notification
from tests.brokerage.factories import broker, staff
from tests.factories import MembershipFactory, UserFactory
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    owner, org = member()
    achievement = good_achievement(org, created_by=owner, title="无醛胶成果")
    visitor, _visitor_org = member()
    return services.express_interest(listing=achievement, by=visitor, message="想洽谈许可合作")


def owner_of(inquiry):
    return inquiry.achievement.created_by


def thread(inquiry) -> str:
    return f"/inquiries/{inquiry.pk}/"


def test_the_owner_replies_on_the_site_and_the_inquirer_is_told(client, inquiry):
    client.force_login(owner_of(inquiry))
    response = client.post(f"{thread(inquiry)}reply/", {"body": "欢迎，我们下周可以面谈。"})
    assert response.status_code == 302
    reply = InquiryReply.objects.get()
    assert (reply.author, reply.from_owner) == (owner_of(inquiry), True)
    note = Notification.objects.get(user=inquiry.user, event="inquiry_reply")
    assert "无醛胶成果" in note.title and "下周可以面谈" in note.body
    assert note.url == thread(inquiry)
    client.force_login(inquiry.user)
    page = client.get(thread(inquiry)).content.decode()
    assert "想洽谈许可合作" in page and "欢迎，我们下周可以面谈。" in page


def test_the_owners_answer_is_what_marks_the_inquiry_contacted(inquiry):
    services.reply_to_inquiry(inquiry=inquiry, by=owner_of(inquiry), body="已收到，稍后联系。")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED


def test_the_inquirer_writes_back_and_the_owner_is_told_without_changing_the_status(inquiry):
    services.reply_to_inquiry(inquiry=inquiry, by=inquiry.user, body="请问许可费多少？")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW
    assert InquiryReply.objects.get().from_owner is False
    assert Notification.objects.filter(user=owner_of(inquiry), event="inquiry_reply").exists()


def test_a_broker_claiming_the_inquiry_does_not_mark_it_contacted(inquiry):
    brokerage_services.claim_inquiry(inquiry=inquiry, by=broker())
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_the_assigned_broker_reads_the_thread_but_does_not_write_in_it(client, inquiry):
    assigned = broker()
    brokerage_services.claim_inquiry(inquiry=inquiry, by=assigned)
    client.force_login(assigned)
    page = client.get(thread(inquiry))
    assert page.status_code == 200 and "想洽谈许可合作" in page.content.decode()
    client.post(f"{thread(inquiry)}reply/", {"body": "经纪人插话"})
    assert not InquiryReply.objects.exists()


@pytest.mark.parametrize(
    "who",
    [
        "another_user",
        "another_orgs_member",
        "unassigned_broker",
        "staff",
        "superuser",
        "inquirers_colleague",
        "owners_colleague",
    ],
)
def test_nobody_else_reads_or_writes_the_thread(client, inquiry, who):
    stranger = {
        "another_user": lambda: UserFactory(verified=True),
        "another_orgs_member": lambda: member()[0],
        "unassigned_broker": broker,
        "staff": staff,
        "superuser": lambda: staff(is_superuser=True),
        # Plain members of either organization who neither wrote nor manage anything here.
        "inquirers_colleague": lambda: (
            MembershipFactory(organization=inquiry.organization, role=Membership.Role.MEMBER).user
        ),
        "owners_colleague": lambda: (
            MembershipFactory(
                organization=inquiry.achievement.organization, role=Membership.Role.MEMBER
            ).user
        ),
    }[who]()
    client.force_login(stranger)
    assert client.get(thread(inquiry)).status_code == 404
    assert client.post(f"{thread(inquiry)}reply/", {"body": "路过"}).status_code == 404
    assert not InquiryReply.objects.exists()
    with pytest.raises(ListingActionRefused):
        services.reply_to_inquiry(inquiry=inquiry, by=stranger, body="路过")


def test_anonymous_visitors_are_sent_to_log_in(client, inquiry):
    assert client.get(thread(inquiry)).status_code == 302
    assert client.post(f"{thread(inquiry)}reply/", {"body": "路过"}).status_code == 302
    assert not InquiryReply.objects.exists()


def test_an_empty_reply_is_refused(inquiry):
    with pytest.raises(ListingActionRefused):
        services.reply_to_inquiry(inquiry=inquiry, by=owner_of(inquiry), body="   ")


def test_contact_details_in_replies_are_masked_for_the_other_side(client, inquiry):
    services.reply_to_inquiry(
        inquiry=inquiry, by=owner_of(inquiry), body="请致电 13912345678 或 a@b.cn"
    )
    services.reply_to_inquiry(inquiry=inquiry, by=inquiry.user, body="我的电话 13800001111")
    client.force_login(inquiry.user)
    page = client.get(thread(inquiry)).content.decode()
    assert "13912345678" not in page and "a@b.cn" not in page and "[电话已隐藏]" in page
    assert "13800001111" in page  # the inquirer sees their own words
    note = Notification.objects.get(user=inquiry.user, event="inquiry_reply")
    assert "13912345678" not in note.body
    client.force_login(owner_of(inquiry))
    page = client.get(thread(inquiry)).content.decode()
    assert "13800001111" not in page and "13912345678" in page


def test_after_sending_the_listing_shows_already_sent_with_a_link_to_the_thread(client):
    owner, org = member()
    achievement = good_achievement(org, created_by=owner, title="无醛胶成果")
    visitor, _org = member()
    client.force_login(visitor)
    response = client.post(
        f"/achievements/{achievement.pk}/interest/", {"message": "想洽谈许可合作"}, follow=True
    )
    page = response.content.decode()
    inquiry = Inquiry.objects.get()
    assert "您已发送意向" in page and thread(inquiry) in page
    assert 'name="message"' not in page  # no empty form to send it again
