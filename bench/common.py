"""Bench plumbing: an isolated database and index prefix, created afresh for each run."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def isolate(name: str, *, fresh: bool = True) -> None:
    """Point Django at database linyi_bench_<name> and index prefix bench_<name>, then set up.

    BENCH_SUFFIX (e.g. "_alice") is appended to both, so people benching on one server at the
    same time do not drop each other's databases."""
    name += os.environ.get("BENCH_SUFFIX", "")
    base = os.environ.get("DATABASE_URL", "postgres://linyi@127.0.0.1:54329/linyi")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("the benches need PostgreSQL (DATABASE_URL=postgres://...)")
    db = f"linyi_bench_{name}"
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{db}"))
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"bench_{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    _create_database(parts, db, fresh=fresh)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _create_database(parts, db: str, *, fresh: bool) -> None:
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{db}"')
