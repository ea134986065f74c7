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
    from . import registry
    from .services import notify_strong_matches

    listing = registry.named(kind).published().filter(pk=pk).first()
    return notify_strong_matches(listing=listing) if listing else 0


@task()
def send_saved_search_digest_task(saved_search_id: int, hits: list) -> bool:
    """Enqueued on commit by send_saved_search_digests: hits are [kind, pk] pairs."""
    from .services import send_saved_search_digest

    return send_saved_search_digest(saved_search_id=saved_search_id, hits=hits)
