import pytest

from accounts import demo as accounts_demo
from marketplace import demo
from marketplace.models import Achievement, Inquiry, Need, Status
from marketplace.validators import validate_patent_number
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_listings_load_idempotently_with_queue_drafts_and_engagement():
    accounts_demo.load()
    demo.load()
    demo.load()
    assert Achievement.objects.filter(external_id="DEMO-A01").count() == 1
    assert Achievement.objects.filter(status=Status.PENDING).count() == 2
    assert Achievement.objects.filter(status=Status.DRAFT).count() == 1
    assert Need.objects.filter(status=Status.PENDING).count() == 1
    assert Inquiry.objects.count() == 3
    assert Notification.objects.filter(event="inquiry_received").count() == 3
    annexed = Achievement.objects.get(external_id="DEMO-A01")
    assert annexed.annex and annexed.annex_terms
    assert all(a.quality_score > 0 for a in Achievement.objects.all())


def test_demo_patent_numbers_have_correct_check_digits():
    for row in demo.ACHIEVEMENTS + demo.WORK_IN_PROGRESS_ACHIEVEMENTS:
        if row["patent_number"]:
            validate_patent_number(row["patent_number"])


def test_demo_achievements_carry_clean_rich_text_descriptions():
    from marketplace.richtext import clean_html

    for row in demo.ACHIEVEMENTS:
        assert "<h3>" in row["description"]
        assert clean_html(row["description"]) == row["description"]
