"""Listings in the admin: an open price reads 面议 (never "价格 None"), amounts in yuan with
separators, times in Shanghai in the list, the inspect view and the export."""

import csv
import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.models import Achievement, Need, TransferMode
from tests.factories import AchievementFactory, NeedFactory
from tests.marketplace.factories import staff_user

pytestmark = pytest.mark.django_db

UPDATED = datetime(2026, 3, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai


def _staff_client(client):
    client.force_login(staff_user())  # with both factors (tests/conftest.py)
    return client


def _inspect(client, listing) -> str:
    """The inspect view's field list, as text."""
    kind = listing._meta.model_name
    url = reverse(f"wagtailsnippets_marketplace_{kind}:inspect", args=[listing.pk])
    fields = re.search(r"<dl.*?</dl>", client.get(url).content.decode(), re.S).group(0)
    return re.sub(r"<[^>]+>", " ", fields)


def test_an_achievement_without_a_price_reads_negotiable_in_the_inspect_view(client):
    listing = AchievementFactory(asking_price_cny=None)

    page = _inspect(_staff_client(client), listing)

    assert "面议" in page
    assert "None" not in page


def test_an_achievement_price_reads_in_yuan_with_separators(client):
    listing = AchievementFactory(asking_price_cny=Decimal("1200000"))

    page = _inspect(_staff_client(client), listing)

    assert "¥1,200,000.00" in page and "1200000" not in page


def test_a_need_without_a_budget_reads_negotiable(client):
    need = NeedFactory(budget_min_cny=None, budget_max_cny=None)

    page = _inspect(_staff_client(client), need)

    assert "面议" in page and "None" not in page


def test_the_moderation_list_and_export_show_shanghai_time(client):
    listing = AchievementFactory()
    Achievement.objects.filter(pk=listing.pk).update(updated_at=UPDATED, published_at=UPDATED)
    staff = _staff_client(client)
    index = reverse("wagtailsnippets_marketplace_achievement:list")

    page = staff.get(index).content.decode()
    response = staff.get(index + "?export=csv")
    exported = b"".join(response.streaming_content).decode()

    assert "2026-03-01 09:30" in page
    row = next(csv.DictReader(io.StringIO(exported)))
    assert "2026-03-01 09:30" in exported and "+00:00" not in exported
    assert row[str(Achievement._meta.get_field("asking_price_cny").verbose_name)] == "500000.00"


def test_a_need_inspect_view_has_no_raw_none(client):
    need = NeedFactory(deadline=None)
    Need.objects.filter(pk=need.pk).update(updated_at=UPDATED)

    page = _inspect(_staff_client(client), need)

    assert "None" not in page and "2026-03-01 09:30" in page


def test_the_inspect_view_reads_lists_codes_and_rich_text_as_text(client):
    listing = AchievementFactory(
        description="<h3>技术特点</h3><p>胶合强度满足Ⅱ类板要求</p>", quality_issues=["no_contact"]
    )

    page = _inspect(_staff_client(client), listing)

    assert "胶黏剂、无醛" in page and "['" not in page
    assert str(TransferMode.LICENSE.label) in page and "license" not in page
    assert "未填写联系人或联系方式" in page and "no_contact" not in page
    assert "技术特点" in page and "&lt;" not in page and "<h3>" not in page
