"""Rebuild every index into new versioned indices, then swap the aliases atomically."""

from django.utils import timezone
from tqdm import tqdm

from marketplace.models import Achievement, Need, Status

from . import indexing
from .client import get_client
from .documents import KINDS
from .outbox import record_change


def rebuild_all(*, progress: bool = True, stdout=None) -> dict[str, str]:
    """Returns {kind: new index}. Searches keep using the old indices until the swap."""
    started = timezone.now()
    client = get_client()
    new = {kind: indexing.create_index(kind) for kind in KINDS}
    total = (
        Achievement.objects.filter(status=Status.PUBLISHED).count()
        + Need.objects.filter(status=Status.PUBLISHED).count()
    )
    actions = (
        indexing.index_action(listing, index=new[indexing.kind_of(listing)])
        for listing in indexing.published_listings()
    )
    bar = tqdm(total=total, unit="doc", disable=not progress, file=stdout, desc="indexing")
    errors = []

    def counted():
        for action in actions:
            yield action
            bar.update(1)

    try:
        _, errors = indexing.bulk(counted())
    finally:
        bar.close()
    if errors:
        for name in new.values():
            client.indices.delete(index=name)
        raise RuntimeError(f"{len(errors)} documents failed to index: {errors[:3]}")
    client.indices.refresh(index=",".join(new.values()))
    for kind, name in new.items():
        for old in indexing.swap_alias(kind, name):
            client.indices.delete(index=old)
    # Listings edited while we were reading went to the old indices: replay them via the outbox.
    for model in (Achievement, Need):
        for listing in model.objects.filter(updated_at__gte=started):
            record_change(listing)
    return new
