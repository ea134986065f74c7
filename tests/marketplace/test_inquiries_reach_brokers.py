"""Marketplace sits below brokerage: an inquiry reaches the industry's brokers through the hook
brokerage registers (core.hooks), once the inquiry is committed."""

import pytest

from marketplace import services
from notifications.models import Notification
from tests.brokerage.factories import broker
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db


def test_a_committed_inquiry_is_routed_to_the_brokers_of_its_industry(
    django_capture_on_commit_callbacks,
):
    owner, org = member()
    achievement = good_achievement(org, created_by=owner)
    certified = broker(industries=[achievement.industry])
    visitor, _visitor_org = member()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.express_interest(listing=achievement, by=visitor, message="想洽谈许可合作")
    assert not Notification.objects.filter(event="inquiry_for_brokers").exists()
    for callback in callbacks:
        callback()
    told = Notification.objects.filter(event="inquiry_for_brokers").values_list("user", flat=True)
    assert list(told) == [certified.pk]
