"""A stage change locks and re-reads the engagement in core.transitions.apply_transition (one
lock, not two): the broker's copy of the page may be older than a consent given meanwhile,
and saving it must not undo that consent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from brokerage import services
from brokerage.models import Engagement, Stage

from .factories import EngagementFactory

pytestmark = pytest.mark.django_db


def test_a_stage_change_on_an_old_copy_keeps_what_changed_meanwhile():
    engagement = EngagementFactory(stage=Stage.CONTACTED)
    old_copy = Engagement.objects.get(pk=engagement.pk)
    disclosed = timezone.now()
    Engagement.objects.filter(pk=engagement.pk).update(contacts_disclosed_at=disclosed)
    moved = services.start_negotiation(engagement=old_copy, by=engagement.lead_broker)
    fresh = Engagement.objects.get(pk=engagement.pk)
    assert fresh.stage == Stage.NEGOTIATING and moved.stage == Stage.NEGOTIATING
    assert fresh.contacts_disclosed_at == disclosed


def test_a_stage_change_locks_the_engagement_once():
    engagement = EngagementFactory(stage=Stage.CONTACTED)
    with CaptureQueriesContext(connection) as queries:
        services.start_negotiation(engagement=engagement, by=engagement.lead_broker)
    locks = [
        q["sql"]
        for q in queries.captured_queries
        if "FOR UPDATE" in q["sql"] and '"brokerage_engagement"' in q["sql"].split("FROM")[1][:40]
    ]
    assert len(locks) == 1
