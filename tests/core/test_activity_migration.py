"""The three old trails (ListingEvent, ChallengeEvent, EngagementEvent) move into the activity log
with nothing lost: each data migration's copy runs here against its retired model's table."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from core.activity import entries_for
from tests.brokerage.factories import EngagementFactory
from tests.challenges.factories import draft_challenge
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db

BEFORE = {
    "marketplace": ("0007_inquiry_replies", "0009_listing_events_into_activity_log"),
    "challenges": (
        "0004_chief_scientist_and_stage_gate",
        "0006_challenge_events_into_activity_log",
    ),
    "brokerage": (
        "0005_room_sequence_and_broker_offers",
        "0007_engagement_events_into_activity_log",
    ),
}


def old_model(app_label: str, model_name: str):
    """The retired model as it was, its table created again (inside the test's transaction)."""
    before, _migration = BEFORE[app_label]
    state = MigrationLoader(connection).project_state(
        [(app_label, before), ("core", "0002_activity_log")]
    )
    model = state.apps.get_model(app_label, model_name)
    with connection.schema_editor() as editor:
        editor.create_model(model)
    return state.apps, model


def run_copy(app_label: str, apps) -> None:
    _before, migration = BEFORE[app_label]
    import_module(f"{app_label}.migrations.{migration}").copy_events(apps, None)


def test_listing_events_are_in_the_activity_log_after_migrating():
    user, org = member()
    listing = good_achievement(org)
    apps, ListingEvent = old_model("marketplace", "ListingEvent")
    at = timezone.now() - timedelta(days=40)
    event = ListingEvent.objects.create(
        content_type_id=ContentType.objects.get_for_model(listing).pk,
        object_id=listing.pk,
        action="reject",
        from_status="pending",
        to_status="rejected",
        by_id=user.pk,
        note="缺少技术指标",
    )
    ListingEvent.objects.filter(pk=event.pk).update(at=at)

    run_copy("marketplace", apps)

    entry = entries_for(listing).get(action="listing.reject")
    assert (entry.actor, entry.from_state, entry.to_state, entry.note, entry.at) == (
        user,
        "pending",
        "rejected",
        "缺少技术指标",
        at,
    )
    assert entry.label == "驳回"


def test_challenge_events_are_in_the_activity_log_after_migrating():
    challenge = draft_challenge()
    apps, ChallengeEvent = old_model("challenges", "ChallengeEvent")
    for action in ("create", "submit"):
        ChallengeEvent.objects.create(
            challenge_id=challenge.pk,
            action=action,
            from_status="draft",
            to_status="submitted" if action == "submit" else "draft",
            by_id=challenge.created_by_id,
        )

    run_copy("challenges", apps)

    copied = challenge.activity.filter(action__in=["challenge.create", "challenge.submit"])
    assert copied.filter(actor=challenge.created_by).count() >= 2
    assert copied.filter(action="challenge.submit", data__to="submitted").exists()


def test_engagement_events_keep_their_stage_changes_after_migrating():
    engagement = EngagementFactory()
    apps, EngagementEvent = old_model("brokerage", "EngagementEvent")
    EngagementEvent.objects.create(
        engagement_id=engagement.pk,
        action="contact",
        from_stage="lead",
        to_stage="contacted",
        by_id=engagement.lead_broker_id,
        note="电话联系双方",
    )
    EngagementEvent.objects.create(
        engagement_id=engagement.pk, action="document", by_id=engagement.lead_broker_id
    )

    run_copy("brokerage", apps)

    moved = engagement.activity.get(action="engagement.contact")
    assert (moved.from_state, moved.to_state, moved.note) == ("lead", "contacted", "电话联系双方")
    assert moved.to_state_label == "对接"
    milestone = engagement.activity.get(action="engagement.document")
    assert milestone.to_state == "" and milestone.label == "上传文件"
