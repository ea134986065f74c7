"""我收到的意向: owners see the inquiries on their listings and change their status."""

import pytest

from accounts.models import Membership
from marketplace import services
from marketplace.models import Inquiry
from notifications.models import Notification
from tests.factories import MembershipFactory
from tests.marketplace.factories import good_achievement, good_need, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    owner, org = member()
    achievement = good_achievement(org, created_by=owner, title="无醛胶成果")
    need = good_need(org, created_by=owner, title="污水处理需求")
    visitor, _visitor_org = member()
    services.express_interest(listing=achievement, by=visitor, message="想洽谈许可合作")
    services.express_interest(listing=need, by=visitor, message="我们有成熟的处理工艺")
    return owner, org, visitor


def test_owner_sees_the_inquiries_on_their_listings(client, setting):
    owner, _org, visitor = setting
    client.force_login(owner)
    page = client.get("/dashboard/inquiries/").content.decode()
    assert "我收到的意向" in page
    assert "想洽谈许可合作" in page and "我们有成熟的处理工艺" in page
    # The inquirer's name, not their e-mail: contacts show only after both sides consent.
    assert visitor.name in page and visitor.email not in page


def test_dashboard_shows_the_newest_inquiries_with_the_number_waiting(client, setting):
    owner, _org, _visitor = setting
    client.force_login(owner)
    page = client.get("/dashboard/").content.decode()
    assert "我收到的意向" in page and "2 条待处理" in page
    assert "/dashboard/inquiries/" in page


def test_owner_marks_an_inquiry_contacted_and_the_inquirer_is_told(client, setting):
    owner, _org, visitor = setting
    inquiry = Inquiry.objects.get(message="想洽谈许可合作")
    client.force_login(owner)
    response = client.post(
        f"/dashboard/inquiries/{inquiry.pk}/status/", {"status": "contacted"}, follow=True
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED
    assert "已标记为“已联系”" in response.content.decode()
    note = Notification.objects.get(user=visitor, event="inquiry_answered")
    assert "无醛胶成果" in note.title
    page = client.get("/dashboard/inquiries/?status=new").content.decode()
    assert "想洽谈许可合作" not in page and "我们有成熟的处理工艺" in page


def test_inquirer_sees_the_new_status_in_their_dashboard(client, setting):
    owner, _org, visitor = setting
    inquiry = Inquiry.objects.get(message="想洽谈许可合作")
    services.set_inquiry_status(inquiry=inquiry, by=owner, status="closed")
    client.force_login(visitor)
    assert "已关闭" in client.get("/dashboard/").content.decode()


def test_an_unknown_status_is_refused_with_a_message(client, setting):
    owner, _org, _visitor = setting
    inquiry = Inquiry.objects.get(message="想洽谈许可合作")
    client.force_login(owner)
    response = client.post(
        f"/dashboard/inquiries/{inquiry.pk}/status/", {"status": "deleted"}, follow=True
    )
    assert "无效的意向状态" in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_outsiders_and_the_inquirer_cannot_change_the_status(client, setting):
    _owner, _org, visitor = setting
    inquiry = Inquiry.objects.get(message="想洽谈许可合作")
    outsider, _other = member()
    for user in (outsider, visitor):
        client.force_login(user)
        response = client.post(f"/dashboard/inquiries/{inquiry.pk}/status/", {"status": "closed"})
        assert response.status_code == 403
        assert "想洽谈许可合作" not in client.get("/dashboard/inquiries/").content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_a_plain_member_handles_only_inquiries_on_their_own_listings(client, setting):
    _owner, org, visitor = setting
    colleague = MembershipFactory(organization=org, role=Membership.Role.MEMBER).user
    own = good_achievement(org, created_by=colleague, title="同事自己的成果")
    services.express_interest(listing=own, by=visitor, message="对同事的成果感兴趣")
    client.force_login(colleague)
    page = client.get("/dashboard/inquiries/").content.decode()
    assert "对同事的成果感兴趣" in page
    assert "想洽谈许可合作" not in page
    theirs = Inquiry.objects.get(message="想洽谈许可合作")
    response = client.post(f"/dashboard/inquiries/{theirs.pk}/status/", {"status": "closed"})
    assert response.status_code == 403


def test_an_org_admin_handles_every_inquiry_of_the_organization(client, setting):
    _owner, org, _visitor = setting
    admin = MembershipFactory(organization=org, role=Membership.Role.ADMIN).user
    inquiry = Inquiry.objects.get(message="我们有成熟的处理工艺")
    client.force_login(admin)
    assert "我们有成熟的处理工艺" in client.get("/dashboard/inquiries/").content.decode()
    client.post(f"/dashboard/inquiries/{inquiry.pk}/status/", {"status": "closed"})
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CLOSED


def test_anonymous_visitor_is_sent_to_login():
    from django.test import Client

    response = Client().get("/dashboard/inquiries/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_changing_an_inquiry_status_does_not_redirect_off_site(client, setting, target):
    owner, _org, _visitor = setting
    inquiry = Inquiry.objects.get(message="想洽谈许可合作")
    client.force_login(owner)
    response = client.post(
        f"/dashboard/inquiries/{inquiry.pk}/status/", {"status": "contacted", "next": target}
    )
    assert response["Location"] == "/dashboard/inquiries/"
