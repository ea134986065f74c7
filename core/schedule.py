"""The periodic jobs, read from one file (settings.SCHEDULE_FILE, config/schedule.toml)."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

EVERY = re.compile(r"^(\d+)([mh])$")
AT = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Job:
    command: str
    what: str
    every_minutes: int | None = None
    at: tuple[int, int] | None = None

    @property
    def when(self) -> str:
        if self.at:
            return f"daily {self.at[0]:02d}:{self.at[1]:02d}"
        if self.every_minutes % 60 == 0:
            hours = self.every_minutes // 60
            return "hourly" if hours == 1 else f"every {hours} h"
        return f"{self.every_minutes} min"


class ScheduleError(ValueError):
    pass


def load_jobs(path: Path | None = None) -> list[Job]:
    path = Path(path or settings.SCHEDULE_FILE)
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("job", [])
    known = get_commands()
    jobs = [_job(entry, known) for entry in entries]
    names = [job.command for job in jobs]
    if len(names) != len(set(names)):
        raise ScheduleError(f"{path}: a command is scheduled twice")
    return jobs


def _job(entry: dict, known: dict) -> Job:
    command, what = entry.get("command", ""), entry.get("what", "")
    if command not in known:
        raise ScheduleError(f"scheduled command {command!r} is not a management command")
    every, at = entry.get("every"), entry.get("at")
    if (every is None) == (at is None):
        raise ScheduleError(f"{command}: give exactly one of every / at")
    if every is not None:
        match = EVERY.match(every)
        if not match or int(match[1]) == 0:
            raise ScheduleError(f"{command}: every must look like 5m or 1h, not {every!r}")
        minutes = int(match[1]) * (60 if match[2] == "h" else 1)
        return Job(command=command, what=what, every_minutes=minutes)
    match = AT.match(at)
    if not match:
        raise ScheduleError(f"{command}: at must be HH:MM, not {at!r}")
    return Job(command=command, what=what, at=(int(match[1]), int(match[2])))


def markdown_table(jobs: list[Job]) -> str:
    """The README's table of scheduled jobs."""
    lines = ["| every | command | what |", "| --- | --- | --- |"]
    lines += [f"| {job.when} | `manage.py {job.command}` | {job.what} |" for job in jobs]
    return "\n".join(lines)
