"""A need row of kind "challenge" imports as a need (moderated as every imported row) plus its
揭榜挂帅榜单, a draft carrying the bounty: marketplace's import runs a hook, challenges answers."""

from decimal import Decimal

import pytest

from challenges.models import Challenge
from marketplace.models import Need, Status
from marketplace.services.imports import import_for_organization
from tests.challenges.factories import org_admin

pytestmark = pytest.mark.django_db


def row(external_id="CH-1", **extra) -> dict:
    return {
        "external_id": external_id,
        "title": "人造板表面缺陷在线检测",
        "description": "胶合板鼓泡、开裂靠人工目检，漏检率高，希望实现在线自动检测。",
        "keywords": "视觉检测;缺陷",
        "industry": "wood_furniture",
        "budget_cny": "3000000",
        "deadline": "2030-06-30",
        "kind": "challenge",
        "bounty_cny": "1000000",
        **extra,
    }


def web_import(*rows, dry_run=False):
    owner, org = org_admin()
    report = import_for_organization(
        kind="needs", rows=enumerate(rows, 1), organization=org, by=owner, dry_run=dry_run
    )
    return report, owner, org


def test_a_challenge_row_becomes_a_moderated_need_and_its_draft_challenge():
    report, owner, org = web_import(row())
    assert report.ok and report.created == 1
    need = Need.objects.get(external_id="CH-1")
    assert need.status in (Status.PENDING, Status.DRAFT)  # never past moderation
    board = Challenge.objects.get(source_need=need)
    assert (board.status, board.bounty_cny, board.mechanism) == ("draft", 1000000, "open_call")
    assert (board.organization, board.created_by, board.title) == (org, owner, need.title)
    assert board.deadline.date().isoformat() == "2030-06-30"
    assert board.activity.filter(action="challenge.import_need").exists()


def test_a_plain_need_row_makes_no_challenge():
    report, _owner, _org = web_import(row(kind="need", bounty_cny=""))
    assert report.ok
    assert not Challenge.objects.exists()


def test_a_challenge_row_without_a_bounty_is_an_error_and_saves_nothing():
    report, _owner, _org = web_import(row(bounty_cny=""))
    errors = [(e.field, e.reason) for e in report.errors]
    assert errors == [("bounty_cny", "揭榜挂帅项目须填写榜额")]
    assert not Need.objects.exists() and not Challenge.objects.exists()


def test_an_unknown_kind_is_an_error():
    report, _owner, _org = web_import(row(kind="wish"))
    assert [e.field for e in report.errors] == ["kind"]


def test_a_dry_run_makes_no_challenge():
    report, _owner, _org = web_import(row(), dry_run=True)
    assert report.ok and not Challenge.objects.exists()


def test_importing_the_row_again_updates_the_draft_challenge_and_never_a_second_one():
    _report, owner, org = web_import(row())
    report = import_for_organization(
        kind="needs",
        rows=enumerate([row(bounty_cny="1200000", title="人造板缺陷在线检测（修订）")], 1),
        organization=org,
        by=owner,
    )
    assert report.ok and report.updated == 1
    board = Challenge.objects.get()
    assert (board.bounty_cny, board.title) == (Decimal("1200000"), "人造板缺陷在线检测（修订）")


def test_a_need_page_links_its_public_challenge_and_its_bounty_not_a_draft(client):
    from tests.challenges.factories import challenge_from_need
    from tests.factories import NeedFactory

    need, drafted = NeedFactory(), NeedFactory()
    board = challenge_from_need(need, bounty_cny=Decimal("1200000"))
    challenge_from_need(drafted, publish=False)
    page = client.get(need.get_absolute_url()).content.decode()
    assert board.get_absolute_url() in page and "¥1,200,000.00" in page
    assert "榜额" not in client.get(drafted.get_absolute_url()).content.decode()
