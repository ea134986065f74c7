"""Backups that restore: the database, public and private media, and a manifest with checksums.

A backup is a folder `<root>/<UTC timestamp>/` holding `database.dump` (pg_dump's custom format;
on the SQLite demo, a copy of the file), `media.tar.gz`, `private.tar.gz` and `manifest.json`
with each file's SHA-256, each media file's SHA-256 and every table's row count. Restoring
checks the manifest first, so a damaged backup is refused before anything is overwritten.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

ARCHIVES = {"media.tar.gz": "MEDIA_ROOT", "private.tar.gz": "PRIVATE_MEDIA_ROOT"}


class BackupError(RuntimeError):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def media_checksums() -> dict[str, str]:
    sums = {}
    for archive, setting in ARCHIVES.items():
        root = Path(getattr(settings, setting))
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sums[f"{archive}:{path.relative_to(root)}"] = sha256(path)
    return sums


def _pg_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    args += ["-U", db.get("USER") or "postgres", "-d", db["NAME"]]
    return args, env


def _run(tool: str, *args: str, env: dict) -> None:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed (Debian: postgresql-client)")
    result = subprocess.run([path, *args], env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:500]}")


def create_backup(root: Path) -> Path:
    """Write one backup under root and return its folder."""
    folder = Path(root) / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    dump = folder / "database.dump"
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        _run("pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args, env=env)
    elif connection.vendor == "sqlite":
        shutil.copyfile(connection.settings_dict["NAME"], dump)
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    for archive, setting in ARCHIVES.items():
        source = Path(getattr(settings, setting))
        with tarfile.open(folder / archive, "w:gz") as tar:
            if source.exists():
                tar.add(source, arcname=".")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "vendor": connection.vendor,
        "files": {p.name: sha256(p) for p in sorted(folder.iterdir())},
        "rows": row_counts(),
        "media": media_checksums(),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return folder


def read_manifest(folder: Path) -> dict:
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder}: no readable manifest.json ({exc})") from exc
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.exists() or sha256(path) != expected:
            raise BackupError(f"{path}: missing or its checksum differs from the manifest")
    return manifest


def restore_backup(folder: Path) -> dict:
    """Replace the database and both media roots with the backup's; returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"backup is of {manifest['vendor']}, this database is {connection.vendor}"
        )
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        dump = str(folder / "database.dump")
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            dump,
            env=env,
        )
    else:
        connection.close()
        shutil.copyfile(folder / "database.dump", connection.settings_dict["NAME"])
    for archive, setting in ARCHIVES.items():
        target = Path(getattr(settings, setting))
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        with tarfile.open(folder / archive, "r:gz") as tar:
            tar.extractall(target, filter="data")
    return manifest
