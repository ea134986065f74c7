"""One activity log (core.activity) written through one transition helper (core.transitions)."""

import pytest
from django.utils import translation

from brokerage import services as brokerage_services
from challenges.errors import ChallengeError
from core.activity import entries_for, label_of, log_action
from core.errors import ActionRefused
from core.models import ActivityEntry
from core.transitions import apply_transition
from evaluation.errors import EvaluationError
from marketplace import services as marketplace_services
from marketplace.models import Status
from marketplace.services.errors import ListingActionRefused
from payments.models import Payment
from tests.brokerage.factories import EngagementFactory
from tests.challenges.factories import draft_challenge, published_challenge
from tests.evaluation.factories import accepted, completed, requested
from tests.marketplace.factories import good_achievement, member
from tests.marketplace.factories import staff_user as marketplace_staff
from tests.payments.factories import PaymentFactory
from tests.payments.stripe_signing import deliver, event, session_completed

pytestmark = pytest.mark.django_db


def labels_of(entry) -> tuple[str, str]:
    with translation.override("zh-hans"):
        chinese = entry.label
    with translation.override("en"):
        english = entry.label
    return chinese, english


def test_a_transition_the_graph_forbids_is_refused_and_logs_nothing():
    challenge = draft_challenge()
    before = challenge.activity.count()

    with pytest.raises(ChallengeError, match="不能发布"):
        apply_transition(
            challenge, "publish", by=challenge.created_by, label="发布", error=ChallengeError
        )

    assert challenge.activity.count() == before
    challenge.refresh_from_db()
    assert challenge.status == "draft"


def test_the_default_refusal_is_the_ground_floors_action_refused():
    user, org = member()
    listing = good_achievement(org, status=Status.DRAFT, published_at=None, created_by=user)

    with pytest.raises(ActionRefused, match="当前状态为“草稿”"):
        apply_transition(listing, "approve", by=user, label="审核通过")

    assert not entries_for(listing).exists()


def test_a_stale_instance_is_judged_by_the_locked_rows_state_not_its_own():
    user, org = member()
    listing = good_achievement(org, status=Status.DRAFT, published_at=None, created_by=user)
    stale = type(listing).objects.get(pk=listing.pk)
    marketplace_services.submit_listing(listing=listing, by=user)

    with pytest.raises(ListingActionRefused, match="不能提交审核"):
        marketplace_services.submit_listing(listing=stale, by=user)

    assert entries_for(listing).filter(action="listing.submit").count() == 1


def test_a_listing_approval_writes_one_entry_with_a_readable_label():
    user, org = member()
    listing = good_achievement(org, status=Status.DRAFT, published_at=None, created_by=user)
    marketplace_services.submit_listing(listing=listing, by=user)
    staff = marketplace_staff()

    marketplace_services.approve_listing(listing=listing, by=staff)

    entry = entries_for(listing).get(action="listing.approve")
    assert (entry.actor, entry.from_state, entry.to_state) == (staff, "pending", "published")
    assert labels_of(entry) == ("审核通过", "Approve")


def test_a_challenge_publication_writes_one_entry_with_a_readable_label():
    challenge = published_challenge()

    published = challenge.activity.filter(action="challenge.publish")

    assert published.count() == 1
    assert labels_of(published.get()) == ("发布", "Publish")
    with translation.override("en"):
        assert published.get().to_state_label == "Open for applications"


def test_an_engagement_stage_change_writes_one_entry_with_a_readable_label():
    engagement = EngagementFactory()

    brokerage_services.mark_contacted(engagement=engagement, by=engagement.lead_broker)

    entry = engagement.activity.get(action="engagement.contact")
    assert (entry.from_state, entry.to_state, entry.data["field"]) == ("lead", "contacted", "stage")
    assert labels_of(entry) == ("对接", "Matching")


def test_an_evaluation_now_keeps_a_trail_from_request_to_report():
    evaluation = completed()

    actions = set(evaluation.activity.values_list("action", flat=True))

    assert {
        "evaluation.requested",
        "evaluation.accept",
        "evaluation.assign_expert",
        "evaluation.start_scoring",
        "evaluation.complete",
    } <= actions
    entry = evaluation.activity.get(action="evaluation.start_scoring")
    assert labels_of(entry) == ("启动评分", "Start scoring")
    assert entry.actor is not None and entry.actor.is_staff


def test_an_evaluation_transition_refused_by_the_graph_logs_nothing():
    evaluation = completed()
    before = evaluation.activity.count()

    with pytest.raises(EvaluationError, match="不能取消"):
        apply_transition(
            evaluation,
            "cancel",
            by=None,
            label="取消",
            error=EvaluationError,
            arguments={"reason": "x"},
        )

    assert evaluation.activity.count() == before


def test_a_payment_confirmed_by_stripe_writes_one_entry_with_a_readable_label(client):
    payment = PaymentFactory()

    deliver(client, event("checkout.session.completed", session_completed(payment)))

    entry = entries_for(payment).get()
    assert (entry.action, entry.to_state, entry.actor) == (
        "payment.succeed",
        Payment.Status.SUCCEEDED,
        None,
    )
    assert labels_of(entry) == ("支付成功", "Payment successful")


def test_an_accepted_evaluation_names_who_waived_the_fee():
    evaluation = accepted()

    entry = evaluation.activity.get(action="evaluation.accept")

    assert entry.actor.is_staff
    assert entry.note == "中心资助，免收评价费用"
    assert requested().activity.get().to_state == "awaiting_payment"


def test_every_action_the_apps_write_has_a_registered_label():
    """An unregistered type would show its code to the reader; the flows above write these."""
    completed()
    published_challenge()
    engagement = EngagementFactory()
    brokerage_services.mark_contacted(engagement=engagement, by=engagement.lead_broker)

    written = set(ActivityEntry.objects.values_list("action", flat=True))

    assert written
    assert all(label_of(action) != action for action in written), written


def test_an_unknown_action_type_reads_as_itself():
    user, org = member()
    listing = good_achievement(org)

    entry = log_action(listing, "listing.something_new", by=user, data={"note": "", "x": 1})

    assert entry.label == "listing.something_new"
    assert entry.data == {"x": 1}


def test_staff_read_the_activity_log_in_the_admin_with_readable_labels(client):
    published_challenge()
    client.force_login(marketplace_staff())

    page = client.get("/admin/activity-log/").content.decode()

    assert "发布" in page and "截止申报" not in page
    assert "challenge.publish" not in page


def test_members_who_are_not_staff_cannot_read_the_activity_log(client):
    user, _org = member()
    client.force_login(user)

    response = client.get("/admin/activity-log/")

    assert response.status_code in (302, 403)
