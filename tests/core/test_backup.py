"""make backup / make restore: a backup, a wipe, a restore, and everything is back."""

import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Organization
from core.backup import media_checksums, row_counts
from marketplace.models import Achievement
from search.client import alias_name
from tests.factories import AchievementFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    (tmp_path / "media" / "org-logos").mkdir(parents=True)
    (tmp_path / "media" / "org-logos" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    (tmp_path / "private" / "annexes" / "2026").mkdir(parents=True)
    (tmp_path / "private" / "annexes" / "2026" / "a1b2.pdf").write_bytes(b"%PDF-1.4 annex")
    return tmp_path


def test_a_backup_wiped_and_restored_gives_back_every_row_and_file(roots, es, clean_indices):
    achievement = AchievementFactory(status="published")
    rows_before, files_before = row_counts(), media_checksums()
    call_command("backup", "--to", str(roots / "backups"))
    (folder,) = (roots / "backups").iterdir()

    Achievement.objects.all().delete()
    Organization.objects.all().delete()
    for path in (roots / "private").rglob("*.pdf"):
        path.unlink()
    (roots / "media" / "org-logos" / "logo.png").write_bytes(b"tampered")
    assert row_counts() != rows_before

    call_command("restore", str(folder))

    assert row_counts() == rows_before
    assert media_checksums() == files_before
    assert Achievement.objects.get(pk=achievement.pk).title == achievement.title
    es.indices.refresh(index=alias_name("achievements"))
    hits = es.search(index=alias_name("achievements"), query={"match_all": {}})["hits"]["hits"]
    assert {hit["_id"] for hit in hits} >= {str(achievement.pk)}


def test_a_damaged_backup_is_refused_before_anything_is_overwritten(roots):
    achievement = AchievementFactory()
    call_command("backup", "--to", str(roots / "backups"))
    (folder,) = (roots / "backups").iterdir()
    with open(folder / "private.tar.gz", "ab") as handle:
        handle.write(b"corruption")
    Achievement.objects.filter(pk=achievement.pk).update(title="备份之后的修改")

    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--no-reindex")

    assert Achievement.objects.get(pk=achievement.pk).title == "备份之后的修改"


def test_the_manifest_lists_row_counts_and_file_checksums(roots):
    AchievementFactory()
    call_command("backup", "--to", str(roots / "backups"))
    (folder,) = (roots / "backups").iterdir()

    manifest = json.loads((folder / "manifest.json").read_text())

    assert manifest["rows"]["marketplace_achievement"] == 1
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz", "private.tar.gz"}
    assert "private.tar.gz:annexes/2026/a1b2.pdf" in manifest["media"]
