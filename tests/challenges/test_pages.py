"""Pages and API: list tabs, detail, the apply flow, blind review hiding names, the staff admin."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import services
from challenges.models import Challenge
from tests.factories import UserFactory, industry

from .factories import (
    GOOD_SCORES,
    closed_with_applications,
    draft_challenge,
    expert_user,
    org_admin,
    published_challenge,
    reviewed,
    staff_user,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_open_challenges_in_the_open_tab(client):
    challenge = published_challenge(title="人造板生产线智能视觉缺陷检测")
    hidden = draft_challenge(title="尚未发布的草稿榜单")
    page = client.get("/challenges/").content.decode()
    assert challenge.title in page
    assert hidden.title not in page
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "人造板" not in client.get("/challenges/?tab=completed").content.decode()


def test_the_detail_page_shows_indicators_and_the_apply_button(client):
    challenge = published_challenge()
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "缺陷检出率" in page and "≥ 99.5%" in page
    assert "我要揭榜" in page


def test_the_apply_flow_creates_and_submits_an_application(client):
    challenge = published_challenge()
    lead = UserFactory()
    client.force_login(lead)
    response = client.post(f"/challenges/{challenge.pk}/apply/", {"team_name": "沂河视觉团队"})
    application = challenge.applications.get(lead=lead)
    assert response.url == f"/challenges/applications/{application.pk}/edit/"
    data = {
        "team_name": "沂河视觉团队",
        "proposal": "<p>多光谱成像</p>",
        "declares_ip": "on",
        "declares_no_conflict": "on",
        "declares_truthful": "on",
        "members_text": "李明 | 沂蒙理工学院 | 副教授 | 算法",
        "submit": "1",
    }
    for indicator in challenge.indicators.all():
        data[f"ind_{indicator.pk}_value"] = "达到"
        data[f"ind_{indicator.pk}_approach"] = "方案说明"
    response = client.post(f"/challenges/applications/{application.pk}/edit/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.is_submitted
    assert application.members.get().name == "李明"


def _blind_review_with_expert():
    staff = staff_user()
    challenge, apps = closed_with_applications(2, blind_review=True)
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    return challenge, apps, expert, assignment


def test_blind_review_hides_team_and_organization_names_on_review_pages(client):
    challenge, apps, expert, assignment = _blind_review_with_expert()
    client.force_login(expert)
    pages = [
        client.get(f"/challenges/review/{assignment.pk}/").content.decode(),
        client.get(
            f"/challenges/review/{assignment.pk}/applications/{apps[0].pk}/"
        ).content.decode(),
    ]
    for page in pages:
        for app in apps:
            assert app.team_name not in page
            assert app.lead_organization.name not in page
            assert str(app.lead) not in page
    assert "申报团队 A" in pages[0] and "申报团队 B" in pages[0]


def test_blind_review_hides_names_in_the_api(client):
    challenge, apps, expert, _assignment = _blind_review_with_expert()
    client.force_login(expert)
    response = client.get("/api/v1/challenges/review/assignments")
    assert response.status_code == 200
    body = response.content.decode()
    for app in apps:
        assert app.team_name not in body
        assert app.lead_organization.name not in body
    items = json.loads(body)[0]["applications"]
    assert [item["team"] for item in items] == ["申报团队 A", "申报团队 B"]
    assert {item["organization"] for item in items} == {None}


def test_open_review_shows_names_to_experts(client):
    staff = staff_user()
    challenge, apps = closed_with_applications(1, blind_review=False)
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    services.declare_conflicts(assignment=assignment, by=expert, conflicted=[])
    client.force_login(expert)
    assert apps[0].team_name in client.get(f"/challenges/review/{assignment.pk}/").content.decode()


def test_the_review_api_needs_a_login(client):
    assert client.get("/api/v1/challenges/review/assignments").status_code == 401


def test_the_score_page_is_closed_until_the_conflict_declaration(client):
    staff = staff_user()
    challenge, apps = closed_with_applications(1)
    services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    assignment = services.assign_expert(challenge=challenge, expert=expert, by=staff)
    client.force_login(expert)
    url = f"/challenges/review/{assignment.pk}/applications/{apps[0].pk}/"
    assert client.get(url).status_code == 302
    client.post(f"/challenges/review/{assignment.pk}/", {"confirm": "on", "statement": ""})
    data = {f"score_{code}": value for code, value in GOOD_SCORES.items()}
    assert client.post(url, {**data, "comment": "方案可行"}).status_code == 302
    assert assignment.reviews.get().comment == "方案可行"
    other = expert_user()
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_the_public_api_lists_challenges_and_announced_results(client):
    challenge, apps, staff, _experts = reviewed(2)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]])
    listing = client.get("/api/v1/challenges/?tab=announced").json()
    assert [c["id"] for c in listing] == [challenge.pk]
    detail = client.get(f"/api/v1/challenges/{challenge.pk}").json()
    assert detail["indicators"][0]["name"] == "缺陷检出率"
    results = client.get(f"/api/v1/challenges/{challenge.pk}/results").json()
    assert results[0]["team"] == apps[0].team_name
    assert results[0]["award"] == "揭榜成功"


def test_the_announcement_page_shows_winners_scores_and_takes_objections(client):
    challenge, apps, staff, _experts = reviewed(2)
    services.announce_results(challenge=challenge, by=staff, winners=[apps[0]], note="特此公示")
    page = client.get(f"/challenges/{challenge.pk}/announcement/").content.decode()
    assert apps[0].team_name in page and str(apps[0].total_score) in page and "特此公示" in page
    objector = UserFactory()
    client.force_login(objector)
    client.post(f"/challenges/{challenge.pk}/announcement/", {"content": "评分存在争议"})
    assert challenge.objections.get().content == "评分存在争议"


def test_staff_run_the_workflow_in_the_wagtail_admin(client):
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    staff = staff_user()
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert "人造板" in client.get("/admin/challenges/").content.decode()
    page = client.get(f"/admin/challenges/{challenge.pk}/").content.decode()
    assert "揭榜保证金：未缴纳" in page
    client.post(f"/admin/challenges/{challenge.pk}/", {"action": "return", "reason": "请补充指标"})
    challenge.refresh_from_db()
    assert challenge.status == "draft"


def test_owners_post_a_challenge_through_the_form(client):
    owner, org = org_admin()
    client.force_login(owner)
    deadline = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/challenges/new/",
        {
            "title": "沂蒙山区特色农产品全产业链数字化",
            "problem_statement": "建设覆盖种植、加工、冷链、销售的数字化平台。",
            "industry": industry("agriculture").pk,
            "mechanism": "chief_scientist",
            "bounty_cny": "2000000",
            "deadline": deadline,
            "delivery_months": "24",
            "confidentiality": "public",
            "stage_one_slots": "3",
            "indicators_text": "溯源覆盖率 | ≥ | 95 | %\n数据上链延迟 | ≤ | 3 | 秒",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    challenge = Challenge.objects.get(organization=org)
    assert [i.name for i in challenge.indicators.all()] == ["溯源覆盖率", "数据上链延迟"]


def test_a_confidential_attachment_is_linked_only_for_applicants(client):
    from django.core.files.base import ContentFile

    challenge = published_challenge(confidentiality="internal")
    challenge.attachment.save("工艺参数.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    assert "下载榜单附件" not in client.get(challenge.get_absolute_url()).content.decode()
    application = submitted_application(challenge)
    client.force_login(application.lead)
    assert "下载榜单附件" in client.get(challenge.get_absolute_url()).content.decode()
