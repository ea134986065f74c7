"""News and policies go through editor -> reviewer moderation; editors cannot publish."""

import pytest
from django.contrib.auth.models import Group

from cms import services
from cms.models import NewsPage
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home_page):
    news_index = factories.news_index(home_page)
    policy_index = factories.policy_index(home_page)
    workflow = services.set_up_moderation_workflow(
        root=home_page, moderated=[news_index, policy_index]
    )
    return news_index, policy_index, workflow


def member(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_news_and_policies_use_the_review_workflow_but_services_do_not(sections, home_page):
    news_index, policy_index, workflow = sections
    news = factories.news(news_index)
    policy = factories.policy(policy_index)
    service = factories.service(home_page)
    assert news.get_workflow() == workflow
    assert policy.get_workflow() == workflow
    assert service.get_workflow() != workflow
    assert [t.specific.groups.get().name for t in workflow.tasks] == [services.REVIEWERS_GROUP]


def test_editors_draft_but_only_reviewers_publish(sections):
    news = factories.news(sections[0])
    editor, reviewer = member(services.EDITORS_GROUP), member(services.REVIEWERS_GROUP)
    assert news.permissions_for_user(editor).can_edit()
    assert not news.permissions_for_user(editor).can_publish()
    assert news.permissions_for_user(reviewer).can_publish()


def test_submitted_news_goes_live_when_the_reviewer_approves(sections):
    news_index, _, workflow = sections
    editor, reviewer = member(services.EDITORS_GROUP), member(services.REVIEWERS_GROUP)
    draft = NewsPage(title="待审核的新闻", slug="pending", body="[]")
    news_index.add_child(instance=draft)
    draft.unpublish()
    revision = draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    assert not NewsPage.objects.get(pk=draft.pk).live

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert draft.live_revision_id == revision.pk


def test_setting_up_the_workflow_twice_changes_nothing(sections, home_page):
    news_index, policy_index, workflow = sections
    again = services.set_up_moderation_workflow(
        root=home_page, moderated=[news_index, policy_index]
    )
    assert again == workflow
    assert Group.objects.filter(name=services.EDITORS_GROUP).count() == 1
    assert workflow.workflow_tasks.count() == 1
