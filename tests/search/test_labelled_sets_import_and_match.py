"""The labelled sets load on an empty database with the operator's flags and match row by row."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from bench.matching_quality.loader import load
from search.rebuild import rebuild_all

pytestmark = pytest.mark.django_db

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
SETS = [
    pytest.param(
        name,
        marks=pytest.mark.skipif(
            not (SHARED_EVAL / name).is_dir(), reason=f"shared {name} not at {SHARED_EVAL}"
        ),
    )
    for name in ("dev", "dev-b")
]


def external_ids(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["external_id"] for line in lines if line.strip()}


@pytest.mark.parametrize("name", SETS)
def test_a_labelled_set_imports_published_and_match_needs_prints_every_need(name, clean_indices):
    data = SHARED_EVAL / name
    assert load(data) == "importers"  # the bench's loader, through the portal's importers
    rebuild_all(progress=False)
    out = io.StringIO()
    call_command("match_needs", limit=10, format="jsonl", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    needs = external_ids(data / "needs.jsonl")
    assert len(lines) == len(needs)
    assert {line["need"] for line in lines} == needs
    achievements = external_ids(data / "achievements.jsonl")
    assert all(m["achievement"] in achievements for line in lines for m in line["matches"])
