"""Publishing a listing tells the owners of strong counterpart matches and the industry's
certified brokers (in-site and by email), after the approval commits."""

import pytest
from django.core import mail

from accounts.models import BrokerProfile
from marketplace import services as market
from marketplace.models import Status
from notifications.models import Notification
from tests.accounts.factories import BrokerProfileFactory, member_of
from tests.factories import industry
from tests.marketplace.factories import good_achievement, staff_user

pytestmark = pytest.mark.django_db


def _broker(code, status=BrokerProfile.Certification.CERTIFIED):
    profile = BrokerProfileFactory(certification_status=status)
    profile.specialties.add(industry(code))
    return profile.user


def test_approval_notifies_matching_need_owners_and_the_industrys_brokers(
    indexed, django_capture_on_commit_callbacks
):
    firm_member = member_of(indexed["firm"])
    publisher = member_of(indexed["uni"])
    wood_broker = _broker("wood_furniture")
    other_broker = _broker("logistics")
    pending_broker = _broker("wood_furniture", BrokerProfile.Certification.PENDING)
    draft = good_achievement(
        indexed["uni"],
        title="豆粕蛋白无醛胶黏剂及多层板冷热压工艺",
        keywords=["无醛", "胶黏剂", "多层板"],
        status=Status.DRAFT,
        published_at=None,
        created_by=publisher,
    )
    market.submit_listing(listing=draft, by=publisher)
    with django_capture_on_commit_callbacks(execute=True):
        market.approve_listing(listing=draft, by=staff_user())

    notified = set(Notification.objects.filter(event="match_found").values_list("user", flat=True))
    assert firm_member.pk in notified  # owns the glue need, a strong match
    assert wood_broker.pk in notified
    assert other_broker.pk not in notified
    assert pending_broker.pk not in notified
    assert publisher.pk not in notified  # its own organization's listings are no news
    note = Notification.objects.get(user=firm_member, event="match_found")
    assert draft.title in note.title
    assert note.url == f"/achievements/{draft.pk}/"
    assert "共同关键词" in note.body
    assert any(firm_member.email in m.to for m in mail.outbox)


def test_a_listing_without_strong_matches_notifies_nobody(
    indexed, django_capture_on_commit_callbacks
):
    member_of(indexed["firm"])
    _broker("logistics")  # even the industry's brokers: nothing worth their time yet
    publisher = member_of(indexed["uni"])
    draft = good_achievement(
        indexed["uni"],
        title="海水养殖网箱防污涂层",
        summary="用于近海网箱的低毒防污涂层，延长网衣清洗周期，减少藻类附着，适合海产养殖。"
        "涂层耐盐雾1000小时，已在日照海域完成一年挂板试验，附着力达到一级。",
        keywords=["防污涂层", "网箱"],
        industry=industry("logistics"),
        status=Status.DRAFT,
        published_at=None,
        created_by=publisher,
    )
    market.submit_listing(listing=draft, by=publisher)
    with django_capture_on_commit_callbacks(execute=True):
        market.approve_listing(listing=draft, by=staff_user())
    assert not Notification.objects.filter(event="match_found").exists()


def test_strong_matches_are_the_same_in_every_language(indexed, settings, tmp_path):
    from django.utils import translation

    from search.matching import ranker

    # A model that calls the forward retriever's first hit strong, whatever the shipped model
    # makes of a three-listing corpus: what is pinned here is that language changes nothing.
    model = tmp_path / "model.json"
    model.write_text(
        '{"version": "test", "features": ["fwd_rr"], "mean": [0], "scale": [1], "coef": [9],'
        ' "intercept": -3.5, "platt": [1, 0], "thresholds": {"match": 0.5, "strong": 0.8}}',
        encoding="utf-8",
    )
    settings.SEARCH_RANKER_MODEL = str(model)
    ranker._load.cache_clear()

    from search.services import strong_matches

    need = indexed["glue_need"]
    with translation.override("zh-hans"):
        chinese = [(m.model, m.pk) for m in strong_matches(need)]
    with translation.override("en"):
        english = [(m.model, m.pk) for m in strong_matches(need)]
    assert chinese
    assert english == chinese
