"""Evaluation keeps an activity trail now, and staff read it in the admin with readable labels."""

import pytest

from .factories import completed, staff_user

pytestmark = pytest.mark.django_db


def test_staff_read_the_evaluations_trail_with_readable_labels_in_the_admin(client):
    evaluation = completed()
    client.force_login(staff_user(admin=True))

    page = client.get(f"/admin/evaluation/{evaluation.pk}/").content.decode()

    assert "操作记录" in page
    assert "启动评分" in page
    assert "中心资助，免收评价费用" in page
    assert "evaluation.start_scoring" not in page
