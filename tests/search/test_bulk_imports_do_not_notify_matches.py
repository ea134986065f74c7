"""Bulk imports are an administrator's tool: they index rows but notify no match owners."""

import pytest

from marketplace.models import Achievement
from marketplace.services.imports import import_as_operator
from notifications.models import Notification
from search.services import strong_matches
from tests.accounts.factories import member_of
from tests.marketplace.factories import RICH_SUMMARY

pytestmark = pytest.mark.django_db


def test_an_imported_strong_match_notifies_nobody(indexed, django_capture_on_commit_callbacks):
    member_of(indexed["firm"])  # owns the glue need, which the imported row matches strongly
    row = {
        "external_id": "IMP-GLUE-1",
        "title": "豆粕蛋白无醛胶黏剂及多层板冷热压工艺",
        "keywords": ["无醛", "胶黏剂", "多层板"],
        "industry": "wood_furniture",
        "summary": RICH_SUMMARY,
        "maturity": "pilot",
        "owner_org": indexed["uni"].name,
    }
    with django_capture_on_commit_callbacks(execute=True):
        report = import_as_operator(kind="achievements", rows=[(1, row)], publish=True)
    assert report.ok, report.errors
    imported = Achievement.objects.get(external_id="IMP-GLUE-1")
    assert imported.is_published
    assert strong_matches(imported)  # publishing it by hand would have notified the firm
    assert not Notification.objects.filter(event="match_found").exists()
