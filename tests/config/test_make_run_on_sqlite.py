"""`make run` serves the demo from SQLite; the suite runs on PostgreSQL. This test walks the
shop window on SQLite in a process of its own: migrate, load the demo, open every demo user's
dashboard and pages, so a PostgreSQL-only query (ArrayAgg, `AS t(c)`) cannot slip in again."""

import os

from .manage_process import run_manage

WALK = """
from django.test import Client
from django.test.utils import setup_test_environment
from accounts.models import User
setup_test_environment()
for user in User.objects.filter(is_active=True):
    client = Client()
    client.force_login(user)
    for url in ["/", "/dashboard/", "/en/dashboard/", "/achievements/", "/needs/", "/challenges/",
                "/engagements/", "/search/?q=胶黏剂"]:
        status = client.get(url, HTTP_HOST="127.0.0.1").status_code
        print(status, user.email, url)
"""


def test_the_demo_loads_and_every_users_pages_answer_on_sqlite(tmp_path):
    prefix = "test_sqlite_" + os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "run")
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        # A Redis database of its own: the page cache must not mix with the suite's.
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:63790/0").rsplit("/", 1)[0]
        + "/15",
    }
    try:
        for step in (["migrate", "--noinput", "-v", "0"], ["load_demo"], ["shell", "-c", WALK]):
            done = run_manage(*step, env=env, timeout=900)
            assert done.returncode == 0, done.stderr[-3000:]
        answers = [line.split(" ", 2) for line in done.stdout.splitlines() if line[:1].isdigit()]
        assert len(answers) > 50
        assert [a for a in answers if int(a[0]) >= 500] == []
    finally:
        from search.client import get_client

        get_client().indices.delete(index=f"{prefix}*", ignore_unavailable=True)
