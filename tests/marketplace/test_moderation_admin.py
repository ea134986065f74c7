import pytest
from django.urls import reverse

from marketplace.models import Status
from tests.marketplace.factories import good_achievement, good_need, member, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    owner, org = member()
    return [
        good_achievement(org, status=Status.PENDING, published_at=None, created_by=owner),
        good_achievement(org, status=Status.PENDING, published_at=None, created_by=owner),
    ]


def test_staff_see_the_queue_with_quality_scores_and_filters(client, pending):
    client.force_login(staff_user())
    url = reverse("wagtailsnippets_marketplace_achievement:list") + "?status=pending"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert pending[0].title in page
    assert "质量评分" in page


def test_staff_bulk_approve_publishes_the_selected_listings(client, pending):
    staff = staff_user()
    client.force_login(staff)
    url = (
        reverse("wagtail_bulk_action", args=("marketplace", "achievement", "approve"))
        + "?"
        + "&".join(f"id={p.pk}" for p in pending)
    )
    assert client.get(url).status_code == 200
    client.post(url)
    for listing in pending:
        listing.refresh_from_db()
        assert listing.status == Status.PUBLISHED


def test_staff_reject_with_reason_on_the_review_page(client):
    owner, org = member()
    need = good_need(org, status=Status.PENDING, published_at=None, created_by=owner)
    client.force_login(staff_user())
    url = reverse("marketplace_review", args=["need", need.pk])
    assert need.title in client.get(url).content.decode()
    client.post(url, {"decision": "reject", "reason": "预算信息不实"})
    need.refresh_from_db()
    assert (need.status, need.rejection_reason) == (Status.REJECTED, "预算信息不实")


def test_reject_without_reason_is_refused_on_the_review_page(client):
    owner, org = member()
    need = good_need(org, status=Status.PENDING, published_at=None, created_by=owner)
    client.force_login(staff_user())
    url = reverse("marketplace_review", args=["need", need.pk])
    response = client.post(url, {"decision": "reject", "reason": ""}, follow=True)
    assert "必须填写原因" in response.content.decode()
    need.refresh_from_db()
    assert need.status == Status.PENDING


def test_non_staff_cannot_open_the_review_page(client, pending):
    owner, _org = member()
    client.force_login(owner)
    url = reverse("marketplace_review", args=["achievement", pending[0].pk])
    assert client.get(url).status_code in (302, 403)


def test_staff_export_the_filtered_queue_as_xlsx(client, pending):
    client.force_login(staff_user())
    url = reverse("wagtailsnippets_marketplace_achievement:list") + "?status=pending&export=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    from io import BytesIO

    from openpyxl import load_workbook

    content = b"".join(response.streaming_content)
    rows = list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert {r[1] for r in rows[1:]} == {p.title for p in pending}


def test_staff_rename_an_industry_but_its_code_stays_fixed(client):
    from core.models import Industry

    client.force_login(staff_user())
    food = Industry.objects.get(code="food")
    edit_url = reverse("wagtailsnippets_core_industry:edit", args=[food.pk])
    assert client.get(edit_url).status_code == 200
    client.post(
        edit_url, {"code": "hacked", "name": "食品加工", "name_en": "Food processing", "order": 1}
    )
    food.refresh_from_db()
    assert food.name == "食品加工"
    assert food.code == "food"


def test_industries_cannot_be_added_or_deleted_in_the_admin(client):
    from core.models import Industry

    client.force_login(staff_user())
    food = Industry.objects.get(code="food")
    add = client.get(reverse("wagtailsnippets_core_industry:add"))
    delete = client.post(reverse("wagtailsnippets_core_industry:delete", args=[food.pk]))
    assert add.status_code in (302, 403) and delete.status_code in (302, 403)
    assert Industry.objects.filter(code="food").exists()


def test_plain_users_cannot_open_the_industry_admin(client):
    user, _org = member()
    client.force_login(user)
    response = client.get(reverse("wagtailsnippets_core_industry:list"))
    assert response.status_code in (302, 403)


FORMULA = '=HYPERLINK("http://x","y")'


def test_the_staff_xlsx_export_writes_a_formula_like_title_as_text(client):
    from io import BytesIO

    from openpyxl import load_workbook

    owner, org = member()
    good_achievement(org, status=Status.PENDING, published_at=None, title=FORMULA)
    client.force_login(staff_user())
    url = reverse("wagtailsnippets_marketplace_achievement:list") + "?export=xlsx"
    content = b"".join(client.get(url).streaming_content)
    sheet = load_workbook(BytesIO(content)).active
    cell = sheet["B2"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")


def test_the_staff_csv_export_quotes_a_formula_like_title(client):
    import csv
    import io

    owner, org = member()
    good_achievement(org, status=Status.PENDING, published_at=None, title=FORMULA)
    good_achievement(org, status=Status.PENDING, published_at=None, title="@SUM(A1:A9)")
    client.force_login(staff_user())
    url = reverse("wagtailsnippets_marketplace_achievement:list") + "?export=csv"
    content = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    titles = {row[1] for row in csv.reader(io.StringIO(content))}
    assert "'" + FORMULA in titles and "'@SUM(A1:A9)" in titles
    assert FORMULA not in titles
