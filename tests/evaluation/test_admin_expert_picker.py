"""The staff workbench's expert picker lists each expert once: suggested ones in the first
group, every other active expert in the second, assigned ones in neither."""

import re

import pytest

from evaluation import services

from .factories import ExpertFactory, accepted, staff_user

pytestmark = pytest.mark.django_db


def test_each_expert_appears_once_in_the_assignment_picker(client, evaluation_price):
    evaluation = accepted()
    staff = staff_user(admin=True)
    suggested = ExpertFactory().user  # same industry as the achievement
    other = ExpertFactory(fields=[]).user
    other.expert_profile.fields.clear()
    assigned = ExpertFactory().user
    services.assign_expert(evaluation=evaluation, expert=assigned, by=staff)
    client.force_login(staff)

    page = client.get(f"/admin/evaluation/{evaluation.pk}/").content.decode()
    picker = re.search(r'<select name="expert".*?</select>', page, re.S).group(0)

    assert picker.count(f'value="{suggested.pk}"') == 1
    assert picker.count(f'value="{other.pk}"') == 1
    assert f'value="{assigned.pk}"' not in picker
