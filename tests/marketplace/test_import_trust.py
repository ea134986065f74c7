"""Imports cannot publish past moderation, nor hand listings to whoever registered a name first."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from accounts.models import AuditEvent, Organization
from accounts.validators import credit_code_check_char
from marketplace.models import Achievement, Need, Status
from tests.factories import OrganizationFactory
from tests.marketplace.factories import RICH_SUMMARY, member

pytestmark = pytest.mark.django_db

UNVERIFIED = Organization.Verification.UNVERIFIED


def credit_code(n: int) -> str:
    first17 = f"913713{n:011d}"
    return first17 + credit_code_check_char(first17)


def good_row(external_id="TR-1", **extra) -> dict:
    """A row that passes the review gate on its own (patent, figures, evidence, contact)."""
    return {
        "external_id": external_id,
        "title": "豆粕蛋白无醛胶黏剂",
        "summary": RICH_SUMMARY,
        "keywords": "无醛;胶黏剂",
        "industry": "wood_furniture",
        "patent_type": "invention",
        "patent_number": "CN202310456781.4",
        "maturity": "pilot",
        "contact_name": "王老师",
        "contact_phone": "0539-8888888",
        **extra,
    }


def csv_upload(*rows: dict) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("rows.csv", out.getvalue().encode("utf-8"))


def web_import(client, org, upload, kind="achievements"):
    client.post("/dashboard/import/", {"organization": org.pk, "kind": kind, "file": upload})
    return client.post("/dashboard/import/", {"confirm": "1"}).content.decode()


def jsonl(tmp_path, *rows: dict):
    path = tmp_path / "rows.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def cli(path, *flags, command="import_achievements"):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), "--no-progress", *flags, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + err.getvalue()
    return 0, out.getvalue() + err.getvalue()


# ---- the web import ---------------------------------------------------------------------


def test_web_import_of_a_csv_saying_published_leaves_the_listing_unpublished(client):
    admin, org = member()
    client.force_login(admin)
    page = web_import(client, org, csv_upload(good_row(status="published")))
    assert "导入完成" in page or "导入结果" in page
    listing = Achievement.objects.get(external_id="TR-1")
    assert listing.status == Status.PENDING
    assert listing.published_at is None
    client.logout()
    assert client.get("/api/v1/achievements").json()["count"] == 0
    assert client.get(f"/api/v1/achievements/{listing.pk}").status_code == 404
    assert client.get(f"/achievements/{listing.pk}/").status_code in (403, 404)
    assert "豆粕蛋白无醛胶黏剂" not in client.get("/achievements/").content.decode()


def test_web_reimport_saying_published_sends_a_published_listing_back_to_review(client):
    admin, org = member()
    client.force_login(admin)
    web_import(client, org, csv_upload(good_row()))
    Achievement.objects.filter(external_id="TR-1").update(status=Status.DRAFT)
    web_import(client, org, csv_upload(good_row(status="published", title="改过的标题")))
    listing = Achievement.objects.get(external_id="TR-1")
    assert listing.title == "改过的标题"
    assert listing.status == Status.PENDING


def test_web_import_row_below_the_review_bar_lands_as_a_draft_with_the_reason(client):
    admin, org = member()
    client.force_login(admin)
    weak = {
        "external_id": "TR-WEAK",
        "title": "一项简单的技术",
        "summary": "很短的简介",
        "industry": "food",
        "status": "published",
    }
    page = web_import(client, org, csv_upload(weak))
    assert Achievement.objects.get(external_id="TR-WEAK").status == Status.DRAFT
    assert "保存为草稿" in page
    assert "质量评分" in page and "简介过短" in page


def test_web_import_of_needs_meets_the_same_gate(client):
    admin, org = member()
    client.force_login(admin)
    row = {
        "external_id": "TR-N1",
        "title": "蒸煮车间余热回收",
        "description": "太短",
        "industry": "food",
        "status": "published",
    }
    web_import(client, org, csv_upload(row), kind="needs")
    assert Need.objects.get(external_id="TR-N1").status == Status.DRAFT


def test_web_import_row_carrying_another_organizations_credit_code_is_refused(client):
    admin, org = member()
    other = OrganizationFactory(credit_code=credit_code(1))
    client.force_login(admin)
    page = web_import(client, org, csv_upload(good_row(credit_code=other.credit_code)))
    assert "只能导入到所选机构" in page
    assert not Achievement.objects.exists()


def test_web_import_row_with_its_own_organizations_credit_code_is_accepted(client):
    admin, org = member()
    Organization.objects.filter(pk=org.pk).update(credit_code=credit_code(2))
    client.force_login(admin)
    web_import(client, org, csv_upload(good_row(credit_code=credit_code(2))))
    assert Achievement.objects.get(external_id="TR-1").organization == org


# ---- the command line: organizations --------------------------------------------------------


def test_a_name_two_verified_organizations_share_is_an_error_and_nothing_is_saved(tmp_path):
    OrganizationFactory(name="临沂测试（集团）有限公司")
    OrganizationFactory(name="临沂测试(集团)有限公司")
    path = jsonl(tmp_path, good_row(owner_org="临沂测试（集团）有限公司"))
    code, output = cli(path, "--publish", "--create-organizations")
    assert code == 1
    assert "有多个已认证机构" in output
    assert not Achievement.objects.exists()
    assert Organization.objects.count() == 2


def test_a_name_of_an_unverified_organization_is_an_error_even_when_creating(tmp_path):
    squatter = OrganizationFactory(name="临沂大学", verification_status=UNVERIFIED)
    path = jsonl(tmp_path, good_row(owner_org="临沂大学"))
    for flags in ((), ("--publish", "--create-organizations")):
        code, output = cli(path, *flags)
        assert code == 1
        assert "尚未认证" in output
    assert not Achievement.objects.exists()
    squatter.refresh_from_db()
    assert squatter.verification_status == UNVERIFIED


def test_the_credit_code_names_the_organization_whoever_registered_the_name(tmp_path):
    OrganizationFactory(name="临沂大学", verification_status=UNVERIFIED)
    real = OrganizationFactory(name="临沂大学（认证）", credit_code=credit_code(3))
    path = jsonl(tmp_path, good_row(credit_code=credit_code(3)))
    assert cli(path)[0] == 0
    assert Achievement.objects.get(external_id="TR-1").organization == real


def test_a_credit_code_that_disagrees_with_the_name_is_an_error(tmp_path):
    OrganizationFactory(name="临沂甲公司", credit_code=credit_code(4))
    path = jsonl(tmp_path, good_row(credit_code=credit_code(4), owner_org="临沂乙公司"))
    code, output = cli(path, "--create-organizations")
    assert code == 1
    assert "不符" in output
    assert not Achievement.objects.exists()


def test_an_invalid_credit_code_is_an_error(tmp_path):
    path = jsonl(tmp_path, good_row(credit_code="91371300000000000X", owner_org="某公司"))
    code, output = cli(path, "--create-organizations")
    assert code == 1
    assert "credit_code" in output and "统一社会信用代码" in output
    assert not Organization.objects.exists()


def test_an_unknown_organization_without_create_organizations_is_an_error(tmp_path):
    path = jsonl(tmp_path, good_row(owner_org="临沂新设研究院", owner_type="institute"))
    code, output = cli(path, "--publish")
    assert code == 1
    assert "未知机构" in output
    assert not Organization.objects.exists()
    assert not Achievement.objects.exists()


def test_create_organizations_creates_it_verified_and_attested_in_the_audit_log(tmp_path):
    row = good_row(owner_org="临沂新设研究院", owner_type="institute", credit_code=credit_code(5))
    path = jsonl(tmp_path, row, good_row("TR-2", owner_org="临沂新设研究院"))
    code, output = cli(path, "--create-organizations", "--operator", "值班员张三")
    assert code == 0, output
    org = Organization.objects.get(name="临沂新设研究院")
    assert org.is_verified
    assert org.kind == Organization.Kind.INSTITUTE
    assert org.credit_code == credit_code(5)
    assert set(Achievement.objects.values_list("organization", flat=True)) == {org.pk}
    events = AuditEvent.objects.filter(organization=org)
    assert set(events.values_list("kind", flat=True)) == {
        AuditEvent.Kind.ORG_CREATED,
        AuditEvent.Kind.VERIFICATION_APPROVED,
    }
    assert all(e.detail["attested_by"] == "值班员张三" for e in events)
    assert all("rows.jsonl" in e.detail["source"] for e in events)


def test_a_dry_run_creates_no_organization(tmp_path):
    path = jsonl(tmp_path, good_row(owner_org="临沂新设研究院"))
    code, output = cli(path, "--create-organizations", "--dry-run")
    assert code == 0, output
    assert not Organization.objects.exists()
    assert not AuditEvent.objects.exists()


# ---- the command line: status ---------------------------------------------------------------


def test_without_publish_rows_land_pending_whatever_the_file_says(tmp_path):
    org = OrganizationFactory()
    path = jsonl(tmp_path, good_row(owner_org=org.name, status="published"))
    code, output = cli(path)
    assert code == 0, output
    listing = Achievement.objects.get(external_id="TR-1")
    assert listing.status == Status.PENDING
    assert listing.published_at is None


def test_with_publish_rows_are_published(tmp_path):
    org = OrganizationFactory()
    path = jsonl(tmp_path, good_row(owner_org=org.name))
    assert cli(path, "--publish")[0] == 0
    listing = Achievement.objects.get(external_id="TR-1")
    assert listing.status == Status.PUBLISHED
    assert listing.published_at is not None


def test_needs_follow_the_same_rules(tmp_path):
    org = OrganizationFactory()
    need = {"external_id": "TR-N", "title": "余热回收", "description": "蒸汽", "industry": "food"}
    path = jsonl(tmp_path, {**need, "org": org.name})
    assert cli(path, command="import_needs")[0] == 0
    assert Need.objects.get(external_id="TR-N").status == Status.PENDING
    path = jsonl(tmp_path, {**need, "external_id": "TR-N2", "org": "不存在的公司"})
    code, output = cli(path, "--publish", command="import_needs")
    assert code == 1 and "未知机构" in output


def test_a_row_cannot_move_another_organizations_listing(tmp_path):
    first, second = OrganizationFactory(), OrganizationFactory()
    assert cli(jsonl(tmp_path, good_row(owner_org=first.name)))[0] == 0
    code, output = cli(jsonl(tmp_path, good_row(owner_org=second.name, title="抢来的")))
    assert code == 1 and "其他机构" in output
    listing = Achievement.objects.get(external_id="TR-1")
    assert listing.organization == first and listing.title != "抢来的"


# ---- malformed rows ------------------------------------------------------------------------


def test_a_malformed_row_reports_a_clear_error_and_saves_nothing_of_itself(tmp_path):
    path = tmp_path / "rows.jsonl"
    bad = good_row("TR-BAD", owner_org="坏行研究所", asking_price_cny="四十万")
    path.write_text(
        json.dumps(good_row(owner_org="好行研究所"), ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps(bad, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    code, output = cli(path, "--publish", "--create-organizations")
    assert code == 1
    assert "2\t-\t不是合法的 JSON" in output
    assert "3\tasking_price_cny\t不是有效金额：四十万" in output
    assert list(Achievement.objects.values_list("external_id", flat=True)) == ["TR-1"]
    assert list(Organization.objects.values_list("name", flat=True)) == ["好行研究所"]


def test_a_row_that_fails_while_saving_leaves_neither_organization_nor_audit_event(tmp_path):
    path = jsonl(tmp_path, good_row(owner_org="长" * 130))
    code, output = cli(path, "--publish", "--create-organizations")
    assert code == 1
    assert "1\t" in output
    assert not Organization.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not Achievement.objects.exists()
