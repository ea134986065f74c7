"""core.work.tally: the work queue's counts of different tables in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Organization
from core.work import Smallest, tally
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_counts_of_several_tables_come_back_from_one_query():
    first = MembershipFactory()
    MembershipFactory()
    with CaptureQueriesContext(connection) as queries:
        n = tally(
            users=UserFactory._meta.model.objects.filter(pk=first.user_id),
            memberships=Membership.objects.all(),
            first_org=Smallest(Organization.objects.all()),
        )
    assert len(queries) == 1
    assert n == {
        "users": 1,
        "memberships": Membership.objects.count(),
        "first_org": min(Organization.objects.values_list("pk", flat=True)),
    }


def test_an_empty_choice_costs_no_query_and_counts_nothing():
    with CaptureQueriesContext(connection) as queries:
        n = tally(
            none=Organization.objects.filter(pk__in=[]), first=Smallest(Organization.objects.none())
        )
    assert len(queries) == 0
    assert n == {"none": 0, "first": None}


def test_distinct_querysets_count_their_rows_once():
    org = OrganizationFactory()
    for _ in range(3):
        MembershipFactory(organization=org)
    orgs = Organization.objects.filter(memberships__isnull=False)
    assert tally(joined=orgs, distinct=orgs.distinct()) == {"joined": 3, "distinct": 1}
