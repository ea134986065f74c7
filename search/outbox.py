"""Transactional outbox for the search indices.

Contract for services of apps with searchable objects (see search/registry.py):

    from search.outbox import record_change
    record_change(listing)   # a registered object (achievement, need, 榜单), inside the
                             # service's transaction.atomic

Call it on EVERY create, edit, state change and delete (before .delete(), while pk is known).
It writes an IndexTask row in the caller's transaction — so the change and the index task commit
or roll back together — and, on commit, enqueues the `drain_outbox_task` django-task. The drainer
reads each listing's *current* state: published -> indexed, anything else (or gone) -> removed.
Replays are therefore harmless, and if Elasticsearch is down the rows wait, with exponential
backoff, until it is back: nothing is lost and nothing is indexed twice.

`drain_outbox()` is the synchronous path (tests, `make run`, `manage.py drain_outbox`);
`outbox_backlog()` feeds /healthz and the admin.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import indexing, registry
from .models import IndexTask

log = logging.getLogger(__name__)

BATCH = 500
MAX_BACKOFF = timedelta(minutes=30)


def record_change(instance) -> IndexTask:
    """Record that a listing changed; indexing follows once the transaction commits."""
    kind = registry.of(instance).name  # an IndexTask.Kind value
    task = IndexTask.objects.create(kind=kind, object_id=instance.pk)
    transaction.on_commit(_enqueue_drain, robust=True)
    return task


def _enqueue_drain(delay: timedelta | None = None) -> None:
    from .tasks import drain_outbox_task

    try:
        if delay is None:
            drain_outbox_task.enqueue()
        elif drain_outbox_task.get_backend().supports_defer:
            drain_outbox_task.using(run_after=timezone.now() + delay).enqueue()
        # else: a backend without deferral would retry at once, in a loop; the next change or
        # `manage.py drain_outbox` picks the rows up instead.
    except Exception:  # the row is safe in the outbox; a later drain picks it up
        log.exception("could not enqueue the search outbox drain")


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _load(kind: str, ids: set[int]) -> dict[int, object]:
    rows = indexing.with_document_relations(registry.named(kind)).filter(pk__in=ids)
    return {o.pk: o for o in rows}


def _actions(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], list[dict]]:
    by_kind: dict[str, set[int]] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, set()).add(pk)
    actions: dict[tuple[str, int], list[dict]] = {}
    for kind, ids in by_kind.items():
        objects = _load(kind, ids)
        for pk in ids:
            obj = objects.get(pk)
            deletes = indexing.delete_actions(kind, pk)
            if obj is not None and indexing.belongs_in_index(obj):
                target = indexing.alias_name(indexing.kind_of(obj))
                deletes = [d for d in deletes if d["_index"] != target]
                actions[(kind, pk)] = [indexing.index_action(obj), *deletes]
            else:
                actions[(kind, pk)] = deletes
    return actions


def drain_outbox(*, limit: int | None = None, refresh: bool = False, now=None) -> dict:
    """Apply due outbox rows to Elasticsearch with bulk requests.

    `now` moves the clock (rows postponed until later are due once `now` passes them).
    Returns counts: {"indexed": pairs applied, "failed": pairs to retry, "remaining": backlog}.
    """
    done = failed = 0
    clock = now
    while limit is None or done + failed < limit:
        now = clock or timezone.now()
        rows = list(
            IndexTask.objects.filter(next_attempt_at__lte=now)
            .order_by("id")
            .values_list("id", "kind", "object_id")[:BATCH]
        )
        if not rows:
            break
        max_id = rows[-1][0]
        pairs = {(kind, pk) for _, kind, pk in rows}
        try:
            indexing.ensure_indices()
            plan = _actions(pairs)
            ok_pairs, failed_pairs, errors = _apply(plan)
        except (TransportError, ApiError) as exc:
            _postpone(pairs, max_id, f"{type(exc).__name__}: {exc}")
            failed += len(pairs)
            log.warning("search outbox: Elasticsearch unavailable, %s changes wait", len(pairs))
            break
        _settle(ok_pairs, max_id)
        if failed_pairs:
            _postpone(failed_pairs, max_id, str(errors[:3]))
        done += len(ok_pairs)
        failed += len(failed_pairs)
        if failed_pairs and not ok_pairs:
            break
    if refresh and done:
        indexing.get_client().indices.refresh(
            index=",".join(indexing.alias_name(k) for k in indexing.KINDS)
        )
    remaining = IndexTask.objects.count()
    if failed:
        next_due = IndexTask.objects.order_by("next_attempt_at").first()
        if next_due is not None:
            _enqueue_drain(max(next_due.next_attempt_at - timezone.now(), timedelta(0)))
    return {"indexed": done, "failed": failed, "remaining": remaining}


def _apply(plan):
    flat = []
    owner = []
    for pair, actions in plan.items():
        for action in actions:
            flat.append(action)
            owner.append(pair)
    ok_pairs = set(plan)
    errors = []
    client = indexing.get_client()
    for start in range(0, len(flat), BATCH):
        chunk = flat[start : start + BATCH]
        body = []
        for action in chunk:
            action = dict(action)
            op = action.pop("_op_type", "index")
            meta = {"_index": action.pop("_index"), "_id": action.pop("_id")}
            body.append({op: meta})
            if op == "index":
                body.append(action.get("_source", action))
        response = client.bulk(operations=body)
        for i, item in enumerate(response["items"]):
            op, result = next(iter(item.items()))
            if result.get("status", 500) >= 300 and not (
                op == "delete" and result.get("status") == 404
            ):
                ok_pairs.discard(owner[start + i])
                errors.append(result)
    return ok_pairs, set(plan) - ok_pairs, errors


def _settle(pairs, max_id) -> None:
    """Delete the applied rows (only those read: later rows for the same listing stay)."""
    by_kind: dict[str, list[int]] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, []).append(pk)
    for kind, ids in by_kind.items():
        IndexTask.objects.filter(kind=kind, object_id__in=ids, id__lte=max_id).delete()


def _postpone(pairs, max_id, error: str) -> None:
    now = timezone.now()
    by_kind: dict[str, list[int]] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, []).append(pk)
    for kind, ids in by_kind.items():
        rows = IndexTask.objects.filter(kind=kind, object_id__in=ids, id__lte=max_id)
        for task in rows.only("id", "attempts"):
            attempts = task.attempts + 1
            IndexTask.objects.filter(pk=task.pk).update(
                attempts=attempts, next_attempt_at=now + backoff(attempts), last_error=error[:2000]
            )


def outbox_backlog() -> dict:
    """For /healthz: how many changes wait, and since when. Not 'ok' past a small backlog."""
    rows = IndexTask.objects.all()
    count = rows.count()
    oldest = rows.order_by("created_at").values_list("created_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    if count and age > 300:
        raise RuntimeError(f"{count} index changes waiting, oldest {int(age)}s")
    return {"backlog": count, "oldest_age_s": round(age, 1)}
