"""The search demo adds saved searches and match feedback, and is safe to run twice."""

import pytest

from search.models import MatchFeedback, SavedSearch
from tests.factories import industry

pytestmark = pytest.mark.django_db


def test_the_search_demo_is_idempotent_and_realistic():
    from accounts import demo as accounts_demo
    from marketplace import demo as marketplace_demo
    from portal.demo import search as search_demo

    industry()  # re-seeds the industries if a transactional test flushed them
    accounts_demo.load()
    marketplace_demo.load()
    search_demo.load()
    search_demo.load()
    assert SavedSearch.objects.count() == 4
    assert MatchFeedback.objects.count() == 4
    dismissed = MatchFeedback.objects.get(reason="wrong_field")
    assert dismissed.need.external_id == "DEMO-N01"
    assert dismissed.organization == dismissed.need.organization
    assert SavedSearch.objects.get(name="无醛胶黏剂新成果").querystring.startswith("q=")
