"""Implicit labels for the ranker: besides the labelled sets, what people did with matches —
a dismissed pair is irrelevant; a pair marked 相关, an engagement, or a signed deal (also one
that started from an inquiry of the need's organization) is relevant."""

from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from brokerage.models import Stage
from search.feedback import implicit_labels
from search.matching import features
from search.matching.ranker import dataset, train
from search.models import MatchFeedback
from tests.brokerage.factories import EngagementFactory, InquiryFactory
from tests.factories import AchievementFactory, NeedFactory, UserFactory

pytestmark = pytest.mark.django_db


def feedback(need, achievement, verdict):
    return MatchFeedback.objects.create(
        need=need,
        achievement=achievement,
        organization=need.organization,
        user=UserFactory(),
        verdict=verdict,
    )


def test_a_dismissed_pair_is_irrelevant_and_a_pair_marked_relevant_is_relevant():
    need, dismissed, liked = NeedFactory(), AchievementFactory(), AchievementFactory()
    feedback(need, dismissed, MatchFeedback.Verdict.NOT_RELEVANT)
    feedback(need, liked, MatchFeedback.Verdict.RELEVANT)
    assert implicit_labels() == {need.pk: {dismissed.pk: 0, liked.pk: 1}}


def test_a_colleagues_dismissal_outweighs_a_relevant_mark():
    need, achievement = NeedFactory(), AchievementFactory()
    feedback(need, achievement, MatchFeedback.Verdict.RELEVANT)
    feedback(need, achievement, MatchFeedback.Verdict.NOT_RELEVANT)
    assert implicit_labels() == {need.pk: {achievement.pk: 0}}


def test_a_signed_engagement_solves_the_need_and_an_open_one_is_relevant():
    signed, talking, lost = NeedFactory(), NeedFactory(), NeedFactory()
    a = EngagementFactory(need=signed, stage=Stage.AGREED).achievement
    b = EngagementFactory(need=talking, stage=Stage.NEGOTIATING).achievement
    EngagementFactory(need=lost, stage=Stage.CLOSED_LOST)
    assert implicit_labels() == {signed.pk: {a.pk: 2}, talking.pk: {b.pk: 1}}


def test_a_deal_outweighs_an_earlier_dismissal():
    need = NeedFactory()
    engagement = EngagementFactory(need=need, stage=Stage.CLOSED_WON)
    feedback(need, engagement.achievement, MatchFeedback.Verdict.NOT_RELEVANT)
    assert implicit_labels() == {need.pk: {engagement.achievement_id: 2}}


def test_an_inquiry_from_the_needs_organization_that_led_to_a_deal_labels_that_need():
    need = NeedFactory(published_at=timezone.now() - timedelta(days=3))
    inquiry = InquiryFactory(organization=need.organization)
    engagement = EngagementFactory(
        achievement=inquiry.achievement,
        demand_organization=need.organization,
        stage=Stage.CONTRACT_REGISTERED,
    )
    engagement.inquiries.add(inquiry)
    # A need the organization published only after it asked is not what it asked for.
    NeedFactory(organization=need.organization, published_at=timezone.now() + timedelta(days=1))
    assert implicit_labels() == {need.pk: {inquiry.achievement_id: 2}}


def test_an_inquiry_from_another_organization_labels_nothing():
    need = NeedFactory(published_at=timezone.now() - timedelta(days=3))
    inquiry = InquiryFactory(organization=AchievementFactory().organization)
    engagement = EngagementFactory(achievement=inquiry.achievement, stage=Stage.AGREED)
    engagement.inquiries.add(inquiry)
    assert need.pk not in implicit_labels()


def key(listing) -> str:
    return listing.external_id or str(listing.pk)


def test_implicit_rows_label_the_candidates_the_matcher_retrieves(indexed):
    need, glue, vision = indexed["glue_need"], indexed["glue"], indexed["vision"]
    feedback(need, vision, MatchFeedback.Verdict.NOT_RELEVANT)
    EngagementFactory(need=need, achievement=glue, stage=Stage.AGREED)
    rows = dataset.implicit_rows()
    row = rows[f"implicit:{need.pk}"]
    # The dismissed pair stays among the candidates, as the irrelevant example it is.
    assert row["implicit"] == {key(glue): 2, key(vision): 0}
    assert set(row["implicit"]) <= set(row["ids"])


def test_a_need_with_implicit_labels_only_trains_on_its_labelled_candidates():
    pytest.importorskip("sklearn", reason="training needs scikit-learn (requirements.lock)")
    column = features.NAMES.index("mutual")
    needs = []
    for i in range(12):
        x = np.zeros((4, len(features.NAMES)))
        x[:, column] = [0.9, 0.1, 0.5, 0.5]
        ids = [f"a{i}-{j}" for j in range(4)]
        # the deal fits best, the dismissed one worst; the other two are unlabelled
        implicit = {ids[0]: 2, ids[1]: 0}
        needs.append(train.Need("implicit", f"n{i}", ids, x, {}, ids, implicit=implicit))
    _, y, _, _, _ = train._stack(needs, train.Config("mutual", ("mutual",)))
    assert len(y) == 2 * len(needs)  # unlabelled candidates are not taken for irrelevant
    model = train.fit(needs, train.Config("mutual", ("mutual",)), calibrate=False)
    assert model["coef"][0] > 0
