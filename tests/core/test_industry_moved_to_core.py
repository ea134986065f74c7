"""Industry moved from marketplace to core keeping its table: a database migrated before the
move keeps every industry and every link to one (listings, challenges, engagements, the
profiles' join tables), and the moved model answers for them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import AddField
from django.db.models import ManyToManyField

from core.models import Industry
from tests.brokerage.factories import EngagementFactory
from tests.challenges.factories import draft_challenge
from tests.factories import AchievementFactory, NeedFactory, industry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [
    ("core", None),
    ("accounts", "0007_deletion_cooling_off"),
    ("marketplace", "0007_inquiry_replies"),
    ("brokerage", "0005_room_sequence_and_broker_offers"),
    ("challenges", "0004_chief_scientist_and_stage_gate"),
]

# The profiles' industries as migrations made them before the move (accounts 0002 and 0006).
OLD_PROFILE_FIELDS = [
    ("brokerprofile", "specialties"),
    ("brokerprofile", "requested_specialties"),
    ("expertprofile", "fields"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def make_the_old_join_tables(executor):
    """What a database migrated before the move has: the join tables, to marketplace.Industry."""
    state = executor.loader.project_state(BEFORE_THE_MOVE[1:])
    with connection.schema_editor() as editor:
        for model_name, name in OLD_PROFILE_FIELDS:
            field = ManyToManyField(blank=True, related_name="+", to="marketplace.industry")
            operation = AddField(model_name=model_name, name=name, field=field)
            after = state.clone()
            operation.state_forwards("accounts", after)
            operation.database_forwards("accounts", editor, state, after)
            state = after
    return state.apps


def leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_a_database_migrated_before_the_move_keeps_its_industries_and_their_links():
    achievement = AchievementFactory(industry=industry("food"))
    need = NeedFactory(industry=industry("chemicals"))
    challenge = draft_challenge(industry=industry("textiles"))
    engagement = EngagementFactory()
    engaged_industry = engagement.industry_id
    industries_before = list(Industry.objects.values_list("id", "code", "name"))

    old_apps = make_the_old_join_tables(migrate(BEFORE_THE_MOVE))
    OldIndustry = old_apps.get_model("marketplace", "Industry")
    OldUser = old_apps.get_model("accounts", "User")
    user = OldUser.objects.create(email="old-broker@example.com")
    broker = old_apps.get_model("accounts", "BrokerProfile").objects.create(
        user=user, certificate_number="LY-1"
    )
    broker.specialties.add(OldIndustry.objects.get(code="food"))
    broker.requested_specialties.add(OldIndustry.objects.get(code="digital"))
    expert = old_apps.get_model("accounts", "ExpertProfile").objects.create(user=user)
    expert.fields.add(OldIndustry.objects.get(code="machinery"))

    migrate(leaves())

    from accounts.models import BrokerProfile, ExpertProfile
    from brokerage.models import Engagement
    from challenges.models import Challenge
    from marketplace.models import Achievement, Need

    assert list(Industry.objects.values_list("id", "code", "name")) == industries_before
    assert Achievement.objects.get(pk=achievement.pk).industry.code == "food"
    assert Need.objects.get(pk=need.pk).industry.code == "chemicals"
    assert Challenge.objects.get(pk=challenge.pk).industry.code == "textiles"
    assert Engagement.objects.get(pk=engagement.pk).industry_id == engaged_industry
    broker = BrokerProfile.objects.get(user__email="old-broker@example.com")
    assert [i.code for i in broker.specialties.all()] == ["food"]
    assert [i.code for i in broker.requested_specialties.all()] == ["digital"]
    expert = ExpertProfile.objects.get(user__email="old-broker@example.com")
    assert [i.code for i in expert.fields.all()] == ["machinery"]


def test_industry_keeps_its_table_and_its_content_type_moves_with_it():
    from django.contrib.contenttypes.models import ContentType

    assert Industry._meta.db_table == "marketplace_industry"
    assert ContentType.objects.get_for_model(Industry).app_label == "core"
    assert not ContentType.objects.filter(app_label="marketplace", model="industry").exists()
