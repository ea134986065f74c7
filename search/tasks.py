"""Background work of the search app (django-tasks)."""

from django_tasks import task


@task()
def drain_outbox_task() -> dict:
    """Apply waiting index changes; reschedules itself while Elasticsearch is unreachable."""
    from .outbox import drain_outbox

    return drain_outbox()


@task()
def notify_matches_task(kind: str, pk: int) -> int:
    """Enqueue on commit when a listing is published: kind is "achievement" or "need"."""
    from marketplace.models import Achievement, Need, Status

    from .services import notify_strong_matches

    model = Achievement if kind == "achievement" else Need
    listing = model.objects.filter(pk=pk, status=Status.PUBLISHED).first()
    return notify_strong_matches(listing=listing) if listing else 0
