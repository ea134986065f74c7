"""This checkout's manage.py run in a process of its own: settings and database read afresh."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our interpreter, our manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
