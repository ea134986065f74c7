import importlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Organization
from challenges.models import Challenge
from marketplace.models import Achievement, Need, Status

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
FORMATS = ["jsonl", "csv", "xlsx"]
SHARED_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"
SHARED_DEV_B = SHARED_DEV.parent / "dev-b"
# The operator's flags: these files name organizations the empty test database lacks, and
# their rows are meant to be public at once.
OPERATOR = ("--publish", "--create-organizations")


def run(command, path, *flags):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), "--no-progress", *flags, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_good_achievement_file_imports_every_row_published_with_scores(fmt):
    code, out, _err = run("import_achievements", DATA / f"achievements_good.{fmt}", *OPERATOR)
    assert code == 0, out
    rows = Achievement.objects.filter(external_id__startswith="T-A")
    assert rows.count() == 3
    assert set(rows.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert all(a.published_at for a in rows)
    first = rows.get(external_id="T-A1")
    assert first.keywords == ["可降解", "地膜", "秸秆"]
    assert first.transfer_modes == ["license", "transfer"]
    assert first.quality_score > 0
    assert rows.get(external_id="T-A2").asking_price_cny is None
    assert Organization.objects.get(name="临沂测试农业大学").kind == "university"


@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_achievement_file_imports_nothing_and_reports_row_field_and_reason(fmt):
    code, _out, err = run("import_achievements", DATA / f"achievements_bad.{fmt}", *OPERATOR)
    assert code == 1
    assert not Achievement.objects.filter(external_id__startswith="T-B").exists()
    assert not Organization.objects.filter(name="坏数据研究所").exists()
    first_row = 2 if fmt != "jsonl" else 1
    assert f"{first_row}\tpatent_number\t" in err
    assert "校验位" in err
    assert f"{first_row + 1}\tindustry\t" in err
    assert f"{first_row + 1}\ttransfer_modes\t" in err
    assert f"{first_row + 1}\tasking_price_cny\t" in err
    assert f"{first_row + 2}\texternal_id\t" in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_mixed_file_imports_good_rows_and_fails_with_a_report(fmt):
    code, out, err = run("import_achievements", DATA / f"achievements_mixed.{fmt}", *OPERATOR)
    assert code == 1
    assert "2 created" in out and "2 failed" in out
    assert set(Achievement.objects.values_list("external_id", flat=True)) >= {"T-A1", "T-A2"}
    assert not Achievement.objects.filter(external_id__in=["T-B1", "T-B2"]).exists()
    assert "patent_number" in err


def test_reimport_updates_by_external_id_instead_of_duplicating():
    run("import_achievements", DATA / "achievements_good.jsonl", *OPERATOR)
    Achievement.objects.filter(external_id="T-A1").update(title="旧标题")
    code, out, _err = run("import_achievements", DATA / "achievements_good.csv", *OPERATOR)
    assert code == 0
    assert "0 created, 3 updated" in out
    assert Achievement.objects.filter(external_id="T-A1").count() == 1
    assert Achievement.objects.get(external_id="T-A1").title == "秸秆基可降解地膜制备技术"


def test_status_given_in_the_file_is_respected(tmp_path):
    path = tmp_path / "one.jsonl"
    line = (DATA / "achievements_good.jsonl").read_text().splitlines()[0]
    path.write_text(line.replace('"owner_type"', '"status": "draft", "owner_type"'))
    assert run("import_achievements", path, *OPERATOR)[0] == 0
    assert Achievement.objects.get(external_id="T-A1").status == Status.DRAFT


@pytest.mark.parametrize("fmt", FORMATS)
def test_good_needs_file_imports_needs_and_challenges(fmt):
    code, out, _err = run("import_needs", DATA / f"needs_good.{fmt}", *OPERATOR)
    assert code == 0, out
    challenge = Need.objects.get(external_id="T-N2")
    board = Challenge.objects.get(source_need=challenge)  # kind "challenge": its 揭榜挂帅榜单
    assert board.status == "draft"
    assert board.bounty_cny == 1000000
    assert (board.title, board.organization_id) == (challenge.title, challenge.organization_id)
    assert challenge.budget_max_cny == 2000000
    assert str(challenge.deadline) == "2027-03-31"
    assert not Challenge.objects.filter(source_need__external_id="T-N1").exists()
    assert Organization.objects.filter(name="临沂测试食品有限公司").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_mixed_needs_file_reports_bad_date_and_kind(fmt):
    code, _out, err = run("import_needs", DATA / f"needs_mixed.{fmt}", *OPERATOR)
    assert code == 1
    assert Need.objects.filter(external_id__in=["T-N1", "T-N2"]).count() == 2
    assert "deadline" in err
    code, _out, err = run("import_needs", DATA / f"needs_bad.{fmt}", *OPERATOR)
    assert code == 1
    assert "kind" in err and "budget_cny" in err
    assert not Need.objects.filter(external_id__startswith="T-NB").exists()


def test_unsupported_file_type_is_refused(tmp_path):
    path = tmp_path / "rows.txt"
    path.write_text("hello")
    with pytest.raises(CommandError, match="不支持"):
        call_command("import_achievements", str(path), "--no-progress")


def test_duplicate_external_id_in_one_file_is_reported(tmp_path):
    line = (DATA / "achievements_good.jsonl").read_text().splitlines()[0]
    path = tmp_path / "dup.jsonl"
    path.write_text(line + "\n" + line + "\n")
    code, _out, err = run("import_achievements", path, *OPERATOR)
    assert code == 1
    assert "2\texternal_id\t" in err
    assert Achievement.objects.filter(external_id="T-A1").count() == 1


@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason=f"shared dev data not present at {SHARED_DEV}")
def test_shared_dev_files_import_completely():
    code, out, err = run("import_achievements", SHARED_DEV / "achievements.jsonl", *OPERATOR)
    assert code == 0, err
    assert "200 created" in out
    code, out, err = run("import_needs", SHARED_DEV / "needs.jsonl", *OPERATOR)
    assert code == 0, err
    assert Challenge.objects.filter(source_need__external_id__isnull=False).count() == 10
    assert Achievement.objects.filter(status=Status.PUBLISHED).count() == 200
    assert not Achievement.objects.filter(quality_score=0).exists()


@pytest.mark.skipif(
    not SHARED_DEV_B.is_dir(), reason=f"shared dev-b data not present at {SHARED_DEV_B}"
)
def test_shared_dev_b_files_import_completely_with_the_operator_flags():
    lines = (SHARED_DEV_B / "achievements.jsonl").read_text(encoding="utf-8").splitlines()
    expected = len([line for line in lines if line.strip()])
    code, out, err = run("import_achievements", SHARED_DEV_B / "achievements.jsonl", *OPERATOR)
    assert code == 0, err
    assert f"{expected} created" in out
    code, out, err = run("import_needs", SHARED_DEV_B / "needs.jsonl", *OPERATOR)
    assert code == 0, err
    assert Achievement.objects.filter(status=Status.PUBLISHED).count() == expected
    assert Need.objects.filter(status=Status.PUBLISHED).exists()
    assert Organization.objects.filter(verification_status="verified").count() == (
        Organization.objects.count()
    )


def test_import_wraps_the_plain_text_description_into_escaped_paragraphs(tmp_path):
    path = tmp_path / "rich.jsonl"
    row = {
        "external_id": "T-RICH",
        "title": "富文本导入",
        "summary": "简介",
        "description": "第一段 <b>原样文字</b>\n\n第二段",
        "industry": "food",
        "owner_org": "临沂导入测试大学",
        "owner_type": "university",
    }
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _err = run("import_achievements", path, *OPERATOR)
    assert code == 0, out
    stored = Achievement.objects.get(external_id="T-RICH").description
    assert stored == "<p>第一段 &lt;b&gt;原样文字&lt;/b&gt;</p><p>第二段</p>"


def test_owner_type_individual_creates_an_individual_inventor(tmp_path, client):
    path = tmp_path / "individual.jsonl"
    row = {
        "external_id": "T-IND",
        "title": "煎饼生产线",
        "summary": "电磁加热转鏊",
        "industry": "food",
        "owner_org": "个人发明人（莒南县）",
        "owner_type": "individual",
    }
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _err = run("import_achievements", path, *OPERATOR)
    assert code == 0, out
    owner = Organization.objects.get(name="个人发明人（莒南县）")
    assert owner.kind == Organization.Kind.INDIVIDUAL
    listing = Achievement.objects.get(external_id="T-IND")
    assert "煎饼生产线" in client.get("/achievements/?org_kind=individual").content.decode()
    assert "煎饼生产线" not in client.get("/achievements/?org_kind=enterprise").content.decode()
    detail = client.get(f"/achievements/{listing.pk}/").content.decode()
    assert "成果持有人" in detail and "个人发明人" in detail


def test_migration_moves_earlier_imported_individuals_out_of_enterprise():
    from django.apps import apps

    wrong = Organization.objects.create(name="个人发明人（郯城县）", kind="enterprise")
    firm = Organization.objects.create(name="临沂某某有限公司", kind="enterprise")
    migration = importlib.import_module("accounts.migrations.0003_organization_kind_individual")
    migration.individual_inventors(apps, None)
    wrong.refresh_from_db()
    firm.refresh_from_db()
    assert wrong.kind == "individual" and firm.kind == "enterprise"
