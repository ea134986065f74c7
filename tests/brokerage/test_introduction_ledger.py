import pytest
from django.db import DatabaseError, connection, transaction

from brokerage import services
from brokerage.models import Introduction, Side

from .factories import EngagementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def introduced():
    engagement = EngagementFactory()
    services.mark_contacted(engagement=engagement, by=engagement.lead_broker, note="首次引荐")
    return engagement


def test_contacting_timestamps_the_first_introduction_of_each_party(introduced):
    rows = {i.side: i for i in Introduction.objects.filter(engagement=introduced)}
    assert set(rows) == {Side.SUPPLY, Side.DEMAND}
    assert rows[Side.SUPPLY].organization == introduced.supply_organization
    assert rows[Side.DEMAND].organization == introduced.demand_organization
    assert rows[Side.SUPPLY].introduced_by == introduced.lead_broker
    assert rows[Side.SUPPLY].introduced_at is not None


def test_a_later_introduction_does_not_replace_the_first(introduced):
    first = Introduction.objects.get(engagement=introduced, side=Side.SUPPLY)
    again = services.record_introduction(
        engagement=introduced, side=Side.SUPPLY, by=introduced.lead_broker, note="再次引荐"
    )
    assert again.pk == first.pk
    assert Introduction.objects.get(pk=first.pk).introduced_at == first.introduced_at
    assert Introduction.objects.get(pk=first.pk).note == "首次引荐"


def test_an_introduction_cannot_be_edited_through_the_model(introduced):
    row = Introduction.objects.first()
    row.note = "改过的说明"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()


def test_an_introduction_cannot_be_edited_through_querysets(introduced):
    with pytest.raises(PermissionError):
        Introduction.objects.filter(engagement=introduced).update(note="x")
    with pytest.raises(PermissionError):
        Introduction.objects.filter(engagement=introduced).delete()


def test_the_database_refuses_updates_and_deletes_of_introductions(introduced):
    row = Introduction.objects.first()
    for sql in (
        "UPDATE brokerage_introduction SET introduced_at = now() - interval '1 year' WHERE id = %s",
        "DELETE FROM brokerage_introduction WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert Introduction.objects.filter(pk=row.pk).exists()
