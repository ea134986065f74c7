"""Background work: closing challenges exactly at their deadline."""

from django_tasks import task

from .models import Challenge, ChallengeStatus


@task()
def close_challenge_at_deadline(challenge_id: int) -> bool:
    """Enqueued with run_after=deadline when published; a no-op if already closed or moved."""
    from django.utils import timezone

    from .services import close_challenge

    challenge = Challenge.objects.filter(pk=challenge_id).first()
    if challenge is None or challenge.status != ChallengeStatus.PUBLISHED:
        return False
    if challenge.deadline > timezone.now():
        # Picked up early (clock skew between worker and database): the sweep closes it later.
        return False
    close_challenge(challenge=challenge)
    return True


@task()
def close_due_challenges_task() -> int:
    from .services import close_due_challenges

    return close_due_challenges()
