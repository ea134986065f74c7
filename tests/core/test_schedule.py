"""The schedule: one file, real commands, the README's table, runs that never overlap."""

import re
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.locks import _key
from core.management.commands.run_job import run_locked
from core.schedule import ScheduleError, load_jobs, markdown_table
from marketplace.models.listings import Status
from tests.factories import NeedFactory

README = Path(settings.BASE_DIR) / "README.md"


def test_every_scheduled_job_is_a_real_management_command():
    jobs = load_jobs()
    assert {job.command for job in jobs} >= {"expire_needs", "send_search_digests", "drain_outbox"}


def test_a_schedule_naming_a_missing_command_is_refused(tmp_path):
    bad = tmp_path / "schedule.toml"
    bad.write_text('[[job]]\ncommand = "send_everything"\nevery = "5m"\nwhat = "x"\n')
    with pytest.raises(ScheduleError, match="not a management command"):
        load_jobs(bad)


def test_a_schedule_entry_needs_exactly_one_interval(tmp_path):
    bad = tmp_path / "schedule.toml"
    bad.write_text('[[job]]\ncommand = "expire_needs"\nwhat = "x"\n')
    with pytest.raises(ScheduleError, match="exactly one"):
        load_jobs(bad)


def test_the_readme_table_is_the_schedule_file():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Scheduled jobs", 1)[1]
    table = re.search(r"^\| every \| command \| what \|\n(?:\|.*\n)+", section, re.M)
    assert table, "README has no schedule table under '## Scheduled jobs'"
    assert table.group(0).strip() == markdown_table(load_jobs())


@pytest.mark.django_db
def test_a_scheduled_job_runs_and_running_it_again_changes_nothing():
    overdue = NeedFactory(status=Status.PUBLISHED, deadline=timezone.localdate() - timedelta(1))

    assert run_locked("expire_needs") is True
    assert run_locked("expire_needs") is True

    overdue.refresh_from_db()
    assert overdue.status == Status.EXPIRED


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_lock_is_held_by_another_run_is_skipped():
    overdue = NeedFactory(status=Status.PUBLISHED, deadline=timezone.localdate() - timedelta(1))
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [_key("expire_needs")])

        assert run_locked("expire_needs") is None

        overdue.refresh_from_db()
        assert overdue.status == Status.PUBLISHED
    call_command("run_job", "expire_needs")
    overdue.refresh_from_db()
    assert overdue.status == Status.EXPIRED
