"""Needs of kind "challenge" became 揭榜挂帅榜单 (challenges 0007) before Need.kind and
Need.bounty_cny were dropped (marketplace 0010): a database migrated across the change keeps
every need, and each 揭榜 need is linked to a 榜单 carrying its bounty, in its need's state."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from challenges.workdays import SHANGHAI
from tests.factories import OrganizationFactory, UserFactory, industry

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("marketplace", "0009_listing_events_into_activity_log"),
    ("challenges", "0006_challenge_events_into_activity_log"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_every_challenge_need_becomes_a_linked_challenge_and_no_need_is_lost():
    org, owner, wood = OrganizationFactory(), UserFactory(), industry("wood_furniture")
    old = migrate(BEFORE).loader.project_state(BEFORE).apps
    OldNeed = old.get_model("marketplace", "Need")

    def old_need(title, **fields):
        return OldNeed.objects.create(
            title=title,
            description=f"{title}：问题描述",
            organization_id=org.pk,
            industry_id=wood.pk,
            created_by_id=owner.pk,
            **fields,
        )

    published_at = timezone.now() - timedelta(days=3)
    open_call = old_need(
        "板材缺陷在线检测",
        kind="challenge",
        bounty_cny=Decimal("1000000"),
        deadline=date(2030, 6, 30),
        status="published",
        published_at=published_at,
    )
    waiting = old_need(
        "胶黏剂降本", kind="challenge", bounty_cny=Decimal("500000"), status="pending"
    )
    lapsed = old_need("旧榜", kind="challenge", bounty_cny=Decimal("1"), status="expired")
    plain = old_need("普通需求", kind="need", budget_max_cny=Decimal("80000"), status="published")
    before = list(OldNeed.objects.order_by("pk").values_list("pk", "title", "status"))

    migrate(leaves())

    from challenges.models import Challenge
    from marketplace.models import Need

    assert list(Need.objects.order_by("pk").values_list("pk", "title", "status")) == before
    boards = {c.source_need_id: c for c in Challenge.objects.all()}
    assert set(boards) == {open_call.pk, waiting.pk, lapsed.pk}
    board = boards[open_call.pk]
    assert (board.status, board.mechanism, board.bounty_cny) == (
        "published",
        "open_call",
        Decimal("1000000"),
    )
    assert (board.title, board.problem_statement) == (open_call.title, open_call.description)
    assert (board.organization_id, board.industry_id) == (org.pk, wood.pk)
    assert board.created_by_id == owner.pk and board.published_at == published_at
    assert board.deadline == datetime(2030, 6, 30, 17, 0, tzinfo=SHANGHAI)
    assert sum(board.rubric.values_list("weight", flat=True)) == 100
    # Without a deadline of its own: 30 days from the day of the migration.
    in_thirty_days = timezone.localdate() + timedelta(days=30)
    assert boards[waiting.pk].deadline == datetime.combine(
        in_thirty_days, time(17, 0), tzinfo=SHANGHAI
    )
    assert (boards[waiting.pk].status, boards[waiting.pk].bounty_cny) == ("submitted", 500000)
    assert boards[lapsed.pk].status == "cancelled"  # not public, as its need was not
    assert plain.pk not in boards
    assert board.activity.filter(action="challenge.promote_need").exists()
