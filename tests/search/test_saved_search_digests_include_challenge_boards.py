"""A new 揭榜挂帅榜单 that fits a saved search is in its digest, linked to the challenge page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from search.models import SavedSearch
from search.outbox import drain_outbox
from search.services import save_search, send_saved_search_digests
from tests.challenges.factories import published_challenge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_board_is_emailed_with_its_challenge_link(
    indexed, django_capture_on_commit_callbacks
):
    user = UserFactory(email="zhao@example.cn")
    saved = save_search(user=user, name="缺陷检测", query="缺陷检测")
    last_digest = timezone.now()
    SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=last_digest)
    board = published_challenge()
    drain_outbox(refresh=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_saved_search_digests(now=last_digest + timedelta(days=1)) == 1
    [message] = mail.outbox
    assert board.title in message.body
    assert board.get_absolute_url() in message.body
