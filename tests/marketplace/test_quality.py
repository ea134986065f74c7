import pytest

from marketplace import quality, services
from marketplace.models import Status
from tests.marketplace.factories import good_achievement, good_need, member

pytestmark = pytest.mark.django_db


def test_complete_achievement_scores_high_with_no_weaknesses():
    _user, org = member()
    result = quality.evaluate(good_achievement(org))
    assert result.score == 100
    assert result.issues == []


def test_thin_achievement_names_each_weakness():
    _user, org = member()
    thin = good_achievement(
        org, summary="一种新胶。", patent_number="", legal_status="", contact_name="", keywords=[]
    )
    org.contact_name = ""
    result = quality.evaluate(thin)
    assert {
        "no_patent",
        "no_figures",
        "no_maturity_evidence",
        "short_summary",
        "no_keywords",
    } <= set(result.issues)
    assert result.score < quality.SUBMISSION_THRESHOLD
    assert any("专利号" in m for m in result.messages)


def test_need_without_budget_or_deadline_is_marked_down():
    _user, org = member()
    need = good_need(org, budget_min_cny=None, budget_max_cny=None, deadline=None)
    result = quality.evaluate(need)
    assert {"no_budget", "no_deadline"} <= set(result.issues)


def test_low_score_cannot_be_submitted_without_an_override_note():
    user, org = member()
    draft = good_achievement(
        org, summary="一种新胶。", patent_number="", status=Status.DRAFT, created_by=user
    )
    with pytest.raises(services.ListingActionRefused, match="低分提交说明"):
        services.submit_listing(listing=draft, by=user)
    services.submit_listing(
        listing=draft, by=user, override_note="专利尚在申请中，检测报告下月出具"
    )
    draft.refresh_from_db()
    assert draft.status == Status.PENDING
    assert draft.quality_override_note.startswith("专利尚在申请中")
    assert draft.quality_score < quality.SUBMISSION_THRESHOLD


def test_score_is_stored_when_a_listing_is_saved():
    user, org = member()
    draft = good_achievement(org, status=Status.DRAFT, created_by=user, quality_score=0)
    services.save_listing(listing=draft, by=user)
    draft.refresh_from_db()
    assert draft.quality_score == 100


def test_live_quality_check_scores_unsaved_form_data(client):
    user, org = member()
    client.force_login(user)
    response = client.post(
        "/needs/quality-check/",
        {"organization": org.pk, "title": "草稿", "description": "太短", "keywords": ""},
    )
    page = response.content.decode()
    assert "质量评分" in page
    assert "简介过短" in page


def test_a_patent_number_already_listed_is_flagged_without_costing_points():
    _user, org = member()
    _other, other_org = member()
    first = good_achievement(other_org, patent_number="ZL202310456781.4")
    twin = good_achievement(org, patent_number="zl202310456781.4 ")
    result = quality.evaluate(twin)
    assert "duplicate_patent" in result.issues and result.score == 100
    assert any("另一项成果" in m for m in result.messages)
    assert first.title not in " ".join(result.messages)  # names no other listing
    first.delete()
    assert "duplicate_patent" not in quality.evaluate(twin).issues
