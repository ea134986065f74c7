import pytest

from brokerage import services
from brokerage.errors import BrokerageError, NotAllowed
from brokerage.models import Introduction, LostReason, Stage
from tests.factories import UserFactory

from .factories import EngagementFactory, broker, supply_user

pytestmark = pytest.mark.django_db


def test_engagement_walks_the_whole_pipeline_and_records_who_and_why():
    engagement = EngagementFactory()
    by = engagement.lead_broker
    engagement = services.mark_contacted(engagement=engagement, by=by, note="电话联系双方")
    engagement = services.start_negotiation(engagement=engagement, by=by)
    engagement = services.mark_agreed(engagement=engagement, by=by)
    assert engagement.stage == Stage.AGREED
    moves = list(
        engagement.activity.filter(data__has_key="to")
        .order_by("at", "id")
        .values_list("data__from", "data__to", "actor_id")
    )
    assert moves == [
        ("lead", "contacted", by.pk),
        ("contacted", "negotiating", by.pk),
        ("negotiating", "agreed", by.pk),
    ]
    assert engagement.activity.get(data__to="contacted").note == "电话联系双方"


def test_a_lead_cannot_jump_to_agreed():
    engagement = EngagementFactory()
    with pytest.raises(BrokerageError):
        services.mark_agreed(engagement=engagement, by=engagement.lead_broker)
    engagement.refresh_from_db()
    assert engagement.stage == Stage.LEAD


def test_closing_won_requires_a_registered_contract_stage():
    engagement = EngagementFactory(stage=Stage.AGREED)
    with pytest.raises(BrokerageError):
        services.close_won(engagement=engagement, by=engagement.lead_broker)


def test_closed_lost_records_the_coded_reason_and_text():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    engagement = services.close_lost(
        engagement=engagement,
        reason=LostReason.PRICE_GAP,
        note="企业预算仅为报价的一半",
        by=engagement.lead_broker,
    )
    assert engagement.stage == Stage.CLOSED_LOST
    assert engagement.lost_reason == "price_gap"
    assert engagement.lost_note == "企业预算仅为报价的一半"


def test_other_as_lost_reason_needs_an_explanation():
    engagement = EngagementFactory(stage=Stage.CONTACTED)
    with pytest.raises(BrokerageError):
        services.close_lost(
            engagement=engagement, reason=LostReason.OTHER, note=" ", by=engagement.lead_broker
        )


def test_a_closed_engagement_cannot_be_reopened_or_closed_again():
    engagement = EngagementFactory(stage=Stage.CLOSED_LOST)
    with pytest.raises(BrokerageError):
        services.mark_contacted(engagement=engagement, by=engagement.lead_broker)
    with pytest.raises(BrokerageError):
        services.close_lost(
            engagement=engagement, reason=LostReason.NO_RESPONSE, by=engagement.lead_broker
        )


def test_stage_field_cannot_be_assigned_directly():
    engagement = EngagementFactory()
    with pytest.raises(AttributeError):
        engagement.stage = Stage.CLOSED_WON


@pytest.mark.parametrize("who", ["party", "other_broker", "stranger"])
def test_only_the_engagements_brokers_and_staff_move_its_stage(who):
    engagement = EngagementFactory()
    actor = {
        "party": lambda: supply_user(engagement),
        "other_broker": broker,
        "stranger": UserFactory,
    }[who]()
    with pytest.raises(NotAllowed):
        services.mark_contacted(engagement=engagement, by=actor)


def test_staff_may_move_any_engagement():
    engagement = EngagementFactory()
    staff = UserFactory(is_staff=True)
    assert services.mark_contacted(engagement=engagement, by=staff).stage == Stage.CONTACTED


def test_an_assistant_broker_may_move_the_stage():
    engagement = EngagementFactory()
    assistant = broker()
    services.add_assistant(engagement=engagement, broker=assistant, by=engagement.lead_broker)
    assert services.mark_contacted(engagement=engagement, by=assistant).stage == Stage.CONTACTED
    assert Introduction.objects.filter(engagement=engagement).count() == 2
