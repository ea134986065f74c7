import pytest
from django.core import mail

from core.activity import entries_for
from marketplace import services
from marketplace.models import Status
from notifications.models import Notification
from search.models import IndexTask
from tests.marketplace.factories import good_achievement, good_need, member, staff_user

pytestmark = pytest.mark.django_db


def events_of(listing):
    return entries_for(listing)


@pytest.fixture
def owner():
    return member()


@pytest.fixture
def draft(owner):
    user, org = owner
    return good_achievement(org, status=Status.DRAFT, published_at=None, created_by=user)


def test_owner_submits_a_draft_for_review_and_the_event_is_recorded(owner, draft):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    draft.refresh_from_db()
    assert draft.status == Status.PENDING
    event = events_of(draft).get(action="listing.submit")
    assert (event.actor, event.from_state, event.to_state) == (user, "draft", "pending")


def test_every_transition_records_a_search_outbox_row(owner, draft):
    user, _org = owner
    before = IndexTask.objects.filter(object_id=draft.pk).count()
    services.submit_listing(listing=draft, by=user)
    services.approve_listing(listing=draft, by=staff_user())
    assert IndexTask.objects.filter(object_id=draft.pk).count() == before + 2


def test_staff_approval_publishes_and_notifies_the_owner_in_site_and_by_email(owner, draft):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    staff = staff_user()
    services.approve_listing(listing=draft, by=staff)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    note = Notification.objects.get(user=user, event="listing_approved")
    assert draft.title in note.title
    assert events_of(draft).filter(action="listing.approve", actor=staff).exists()


def test_approval_email_is_sent_after_commit(owner, draft, django_capture_on_commit_callbacks):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_listing(listing=draft, by=staff_user())
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "审核通过" in mail.outbox[0].subject


def test_rejection_needs_a_reason_and_tells_the_owner_why(
    owner, draft, django_capture_on_commit_callbacks
):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    staff = staff_user()
    with pytest.raises(services.ListingActionRefused, match="原因"):
        services.reject_listing(listing=draft, by=staff, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_listing(listing=draft, by=staff, reason="缺少检测报告")
    draft.refresh_from_db()
    assert draft.status == Status.REJECTED
    assert draft.rejection_reason == "缺少检测报告"
    assert "缺少检测报告" in Notification.objects.get(user=user, event="listing_rejected").body
    assert "缺少检测报告" in mail.outbox[-1].body


def test_rejected_listing_can_be_edited_and_resubmitted(owner, draft):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    services.reject_listing(listing=draft, by=staff_user(), reason="补充联系人")
    draft.contact_email = "wang@example.cn"
    services.save_listing(listing=draft, by=user)
    services.submit_listing(listing=draft, by=user)
    assert draft.status == Status.PENDING
    assert draft.rejection_reason == ""


def test_rejected_need_cannot_be_published(owner):
    user, org = owner
    need = good_need(org, status=Status.PENDING, created_by=user)
    services.reject_listing(listing=need, by=staff_user(), reason="不清楚")
    with pytest.raises(services.ListingActionRefused, match="已驳回"):
        services.approve_listing(listing=need, by=staff_user())


def test_draft_cannot_be_approved_without_review(draft):
    with pytest.raises(services.ListingActionRefused, match="草稿"):
        services.approve_listing(listing=draft, by=staff_user())


def test_only_staff_may_approve(owner, draft):
    user, _org = owner
    services.submit_listing(listing=draft, by=user)
    with pytest.raises(services.ListingActionRefused, match="工作人员"):
        services.approve_listing(listing=draft, by=user)


def test_published_listing_can_be_withdrawn_then_archived(owner):
    user, org = owner
    listing = good_achievement(org, created_by=user)
    services.withdraw_listing(listing=listing, by=user, reason="已与企业签约")
    assert listing.status == Status.WITHDRAWN
    services.archive_listing(listing=listing, by=user)
    assert listing.status == Status.ARCHIVED


def test_draft_cannot_be_withdrawn(owner, draft):
    user, _org = owner
    with pytest.raises(services.ListingActionRefused, match="不能撤回"):
        services.withdraw_listing(listing=draft, by=user)


def test_outsider_cannot_withdraw_someone_elses_listing(owner):
    _user, org = owner
    listing = good_achievement(org)
    outsider, _other = member()
    with pytest.raises(services.ListingActionRefused):
        services.withdraw_listing(listing=listing, by=outsider)
    assert listing.status == Status.PUBLISHED


def test_overdue_needs_expire(owner):
    _user, org = owner
    overdue = good_need(org, deadline="2020-01-01")
    current = good_need(org, deadline="2099-01-01")
    assert services.expire_overdue_needs() == 1
    overdue.refresh_from_db()
    current.refresh_from_db()
    assert (overdue.status, current.status) == (Status.EXPIRED, Status.PUBLISHED)


def test_expired_listing_cannot_be_withdrawn(owner):
    user, org = owner
    need = good_need(org, created_by=user)
    services.expire_listing(listing=need)
    with pytest.raises(services.ListingActionRefused, match="已过期"):
        services.withdraw_listing(listing=need, by=user)


def test_archived_listing_cannot_be_resubmitted(owner):
    user, org = owner
    listing = good_achievement(org, status=Status.ARCHIVED, created_by=user)
    with pytest.raises(services.ListingActionRefused, match="已归档"):
        services.submit_listing(listing=listing, by=user)


def test_member_of_unverified_org_cannot_submit():
    user, org = member(verified_org=False)
    draft = good_achievement(org, status=Status.DRAFT, created_by=user)
    with pytest.raises(services.ListingActionRefused, match="已认证"):
        services.submit_listing(listing=draft, by=user)


def test_user_without_verified_email_cannot_submit():
    user, org = member(verified_email=False)
    draft = good_achievement(org, status=Status.DRAFT, created_by=user)
    with pytest.raises(services.ListingActionRefused):
        services.submit_listing(listing=draft, by=user)


def test_editing_a_published_listing_keeps_it_published_and_logs_the_edit(owner):
    user, org = owner
    listing = good_achievement(org, created_by=user)
    listing.title = "改进后的标题"
    services.save_listing(listing=listing, by=user)
    listing.refresh_from_db()
    assert listing.status == Status.PUBLISHED
    assert events_of(listing).filter(action="listing.edited", actor=user).exists()


def test_expire_needs_command_expires_overdue_needs(owner):
    from django.core.management import call_command

    _user, org = owner
    overdue = good_need(org, deadline="2020-01-01")
    call_command("expire_needs")
    overdue.refresh_from_db()
    assert overdue.status == Status.EXPIRED
