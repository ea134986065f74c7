"""The staff workflow page in the Wagtail admin reads like the rest of the admin: transitions by
their labels, each expert once in the picker, times in Shanghai."""

import re
from datetime import UTC, datetime

import pytest

from challenges import services
from core.activity import entries_for

from .factories import closed_with_applications, expert_user, published_challenge, staff_user

pytestmark = pytest.mark.django_db


def _workflow_page(client, challenge, staff) -> str:
    staff.is_superuser = True  # the centre's staff account; plain is_staff has no admin access
    staff.save()
    client.force_login(staff)
    response = client.get(f"/admin/challenges/{challenge.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _history(page: str) -> str:
    return page.split("操作记录", 1)[1].split("</table>", 1)[0]


def test_the_history_names_transitions_and_states_by_their_labels_not_their_codes(client):
    staff = staff_user()
    challenge = published_challenge(staff=staff)

    history = _history(_workflow_page(client, challenge, staff))

    assert "提交审核" in history and "草稿 → 待审核" in history
    assert "发布" in history and "待审核 → 征集中" in history
    assert "submit" not in history and "draft" not in history and "submitted" not in history


def test_an_action_without_a_status_change_shows_only_its_label(client):
    staff = staff_user()
    challenge, _apps = closed_with_applications(1)
    services.start_review(challenge=challenge, by=staff)
    services.assign_expert(challenge=challenge, expert=expert_user(), by=staff)

    history = _history(_workflow_page(client, challenge, staff))

    assert "指派评审专家" in history and "assign_expert" not in history
    assert "评审中 → 评审中" not in history


def test_the_history_shows_shanghai_time(client):
    staff = staff_user()
    challenge = published_challenge(staff=staff)
    at = datetime(2026, 3, 1, 1, 30, tzinfo=UTC)
    entries_for(challenge).update(at=at)

    history = _history(_workflow_page(client, challenge, staff))

    assert "2026-03-01 09:30" in history and "01:30" not in history


def test_each_expert_appears_once_in_the_assignment_picker(client):
    staff = staff_user()
    challenge, _apps = closed_with_applications(1)
    services.start_review(challenge=challenge, by=staff)
    suggested, other, assigned = expert_user(), expert_user(), expert_user()
    other.expert_profile.fields.clear()  # not in the challenge's field: only under 全部专家
    services.assign_expert(challenge=challenge, expert=assigned, by=staff)

    page = _workflow_page(client, challenge, staff)
    picker = re.search(r'<select name="expert">.*?</select>', page, re.S).group(0)

    assert picker.count(f'value="{suggested.pk}"') == 1
    assert picker.count(f'value="{other.pk}"') == 1
    assert f'value="{assigned.pk}"' not in picker
