import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from accounts.models import Membership
from marketplace.models import Achievement, Need, Status
from tests.factories import MembershipFactory
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def upload(name):
    return SimpleUploadedFile(name, (DATA / name).read_bytes())


def test_org_admin_previews_the_row_report_then_confirms(client):
    admin, org = member()
    client.force_login(admin)
    response = client.post(
        "/dashboard/import/",
        {"organization": org.pk, "kind": "achievements", "file": upload("achievements_mixed.xlsx")},
    )
    page = response.content.decode()
    assert "检查结果（尚未导入）" in page
    assert "patent_number" in page and "industry" in page
    assert not Achievement.objects.exists()
    response = client.post("/dashboard/import/", {"confirm": "1"})
    assert "导入结果" in response.content.decode()
    imported = Achievement.objects.all()
    assert set(imported.values_list("external_id", flat=True)) == {"T-A1", "T-A2"}
    # Rows land in the admin's own organization and wait for moderation.
    assert {a.organization for a in imported} == {org}
    assert set(imported.values_list("status", flat=True)) == {Status.PENDING}


def test_web_import_of_needs_from_csv(client):
    admin, org = member()
    client.force_login(admin)
    client.post(
        "/dashboard/import/",
        {"organization": org.pk, "kind": "needs", "file": upload("needs_good.csv")},
    )
    client.post("/dashboard/import/", {"confirm": "1"})
    assert Need.objects.filter(organization=org).count() == 2


def test_plain_member_cannot_import(client):
    _admin, org = member()
    plain = MembershipFactory(organization=org, role=Membership.Role.MEMBER).user
    client.force_login(plain)
    response = client.get("/dashboard/import/", follow=True)
    assert "只有已认证机构的管理员" in response.content.decode()


def test_export_contains_the_orgs_listings_in_import_format_without_reserve_price(client):
    admin, org = member()
    good_achievement(org, title="导出测试成果", reserve_price_cny=123456)
    good_achievement(member()[1], title="别人的成果")
    client.force_login(admin)
    response = client.get("/dashboard/export.xlsx?kind=achievements")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("external_id", "title", "summary")
    titles = [r[1] for r in rows[1:]]
    assert titles == ["导出测试成果"]
    assert "reserve_price_cny" not in rows[0]
    assert 123456 not in rows[1]


def test_admin_of_several_organizations_chooses_where_the_rows_go(client):
    admin, first = member()
    second = MembershipFactory(user=admin, role=Membership.Role.ADMIN).organization
    client.force_login(admin)
    form_page = client.get("/dashboard/import/").content.decode()
    assert first.name in form_page and second.name in form_page
    response = client.post(
        "/dashboard/import/",
        {"organization": second.pk, "kind": "needs", "file": upload("needs_good.csv")},
    )
    assert second.name in response.content.decode()
    client.post("/dashboard/import/", {"confirm": "1"})
    assert Need.objects.filter(organization=second).count() == 2
    assert not Need.objects.filter(organization=first).exists()


def test_import_into_an_organization_the_user_does_not_administer_is_refused(client):
    admin, _own = member()
    member_only = MembershipFactory(user=admin, role=Membership.Role.MEMBER).organization
    _other_admin, foreign = member()
    client.force_login(admin)
    for org in (member_only, foreign):
        response = client.post(
            "/dashboard/import/",
            {"organization": org.pk, "kind": "needs", "file": upload("needs_good.csv")},
        )
        assert response.status_code == 200
        assert "您不是该机构的管理员" in response.content.decode()
        assert "检查结果（尚未导入）" not in response.content.decode()
    response = client.post("/dashboard/import/", {"confirm": "1"}, follow=True)
    assert "导入文件已失效" in response.content.decode()
    assert not Need.objects.exists()


def test_confirm_is_refused_when_the_admin_role_was_lost_after_the_preview(client):
    admin, org = member()
    client.force_login(admin)
    client.post(
        "/dashboard/import/",
        {"organization": org.pk, "kind": "needs", "file": upload("needs_good.csv")},
    )
    Membership.objects.filter(user=admin, organization=org).update(role=Membership.Role.MEMBER)
    # Still an admin elsewhere, so the import page itself stays open.
    MembershipFactory(user=admin, role=Membership.Role.ADMIN)
    response = client.post("/dashboard/import/", {"confirm": "1"}, follow=True)
    assert "您已不是该机构的管理员" in response.content.decode()
    assert not Need.objects.exists()


FORMULA = '=HYPERLINK("http://x","y")'


def test_a_title_that_looks_like_a_formula_is_exported_as_text(client):
    admin, org = member()
    good_achievement(org, title=FORMULA, summary="-1+2 这一行也不是公式")
    client.force_login(admin)
    response = client.get("/dashboard/export.xlsx?kind=achievements")
    sheet = load_workbook(io.BytesIO(response.content)).active
    title, summary = sheet["B2"], sheet["C2"]
    assert (title.value, title.data_type) == (FORMULA, "s")
    assert title.quotePrefix
    assert (summary.data_type, summary.quotePrefix) == ("s", True)
