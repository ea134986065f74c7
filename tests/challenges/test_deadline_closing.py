"""Closing at the deadline is exact: a task deferred to the deadline, plus an idempotent sweep."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from challenges import services
from challenges.models import Challenge, ChallengeStatus
from challenges.tasks import close_challenge_at_deadline

from .factories import draft_challenge, pass_deadline, pay_deposit, published_challenge, staff_user

pytestmark = pytest.mark.django_db
S = ChallengeStatus
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_publishing_enqueues_the_close_task_to_run_exactly_at_the_deadline(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    challenge = draft_challenge()
    services.submit_challenge(challenge=challenge, by=challenge.created_by)
    pay_deposit(challenge, challenge.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_challenge(challenge=challenge, by=staff_user())
    job = DBTaskResult.objects.get(task_path="challenges.tasks.close_challenge_at_deadline")
    assert job.run_after == challenge.deadline
    assert job.args_kwargs["args"] == [challenge.pk]


def test_the_task_leaves_a_challenge_open_before_its_deadline():
    challenge = published_challenge()
    assert close_challenge_at_deadline.call(challenge.pk) is False
    challenge.refresh_from_db()
    assert challenge.status == S.PUBLISHED


def test_the_task_closes_a_challenge_whose_deadline_has_passed():
    challenge = pass_deadline(published_challenge())
    assert close_challenge_at_deadline.call(challenge.pk) is True
    challenge.refresh_from_db()
    assert challenge.status == S.CLOSED
    assert challenge.closed_at >= challenge.deadline
    # Running again (a duplicate delivery) changes nothing.
    assert close_challenge_at_deadline.call(challenge.pk) is False


def test_the_sweep_closes_only_challenges_past_their_deadline():
    past = pass_deadline(published_challenge())
    future = published_challenge()
    Challenge.objects.filter(pk=future.pk).update(deadline=timezone.now() + timedelta(seconds=30))
    assert services.close_due_challenges() == 1
    past.refresh_from_db()
    future.refresh_from_db()
    assert (past.status, future.status) == (S.CLOSED, S.PUBLISHED)
    assert services.close_due_challenges() == 0


def test_the_management_command_runs_the_sweep(capsys):
    challenge = pass_deadline(published_challenge())
    call_command("close_due_challenges")
    challenge.refresh_from_db()
    assert challenge.status == S.CLOSED
    assert "closed 1" in capsys.readouterr().out


def test_the_deadline_must_lie_in_the_future_to_submit():
    challenge = draft_challenge(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(Exception, match="截止时间必须晚于"):
        services.submit_challenge(challenge=challenge, by=challenge.created_by)
