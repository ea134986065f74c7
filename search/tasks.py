"""Background work of the search app (django-tasks)."""

from django_tasks import task


@task()
def drain_outbox_task() -> dict:
    """Apply waiting index changes; reschedules itself while Elasticsearch is unreachable."""
    from .outbox import drain_outbox

    return drain_outbox()
