"""One way to move an object through its state machine (django-fsm-2): lock, check, move, log.

    apply_transition(challenge, "publish", by=staff, error=ChallengeError,
                     label=_("发布"), note=reason)

The row is locked (SELECT ... FOR UPDATE) and its state re-read, so two clicks cannot both
pass the same transition; a transition the graph (or a condition) forbids is refused with the
app's ActionRefused subclass and logs nothing; an allowed one is saved and logged as
"<prefix>.<transition>" with the state before and after.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from .activity import log_action
from .errors import ActionRefused


def lock(obj):
    """Re-read the row under a lock; the caller's instance is refreshed in place and returned.

    Call it first in a service: it replaces unsaved changes on the instance."""
    type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk").first()
    obj.refresh_from_db()
    return obj


def _state_field(obj, method) -> str:
    return method._django_fsm.field.name


def _lock_state(obj, field: str, *, whole_row: bool = False) -> None:
    """Lock the row and take its current state, keeping the instance's other (unsaved) edits;
    with `whole_row`, re-read every column (the caller's copy may be stale, and save() writes
    them all back).

    Outside a transaction a lock would end at once, so there the row is only re-read."""
    rows = type(obj)._base_manager.filter(pk=obj.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    if whole_row:
        fresh = rows.first()
        if fresh is not None:
            for column in obj._meta.concrete_fields:  # past a protected FSMField's setter
                obj.__dict__[column.attname] = fresh.__dict__[column.attname]
        return
    current = rows.values_list(field, flat=True).first()
    if current is not None:
        obj.__dict__[field] = current  # past a protected FSMField's setter; same as refresh


def activity_prefix(obj) -> str:
    return getattr(obj, "activity_prefix", obj._meta.model_name)


def apply_transition(
    obj,
    name: str,
    *,
    by,
    label: str,
    error: type[ActionRefused] = ActionRefused,
    refusal: str = "",
    note: str = "",
    data: dict | None = None,
    action: str = "",
    arguments: dict | None = None,
    fresh: bool = False,
    changes: dict | None = None,
):
    """Run transition `name` on `obj` or raise `error`; returns the activity entry.

    `label` names the action for the refusal ("不能{label}"); `refusal` may replace the message
    pattern (it gets the state's label as %(status)s and as %(<field name>)s, and %(action)s).
    `arguments` are the transition method's keyword arguments (kept apart from ours: a
    transition may take its own `by`). `fresh` re-reads the whole row under the lock (for a
    caller holding an old copy: no lock of its own needed first), and `changes` are fields set
    together with the transition, after that re-read."""
    method = getattr(obj, name)
    field = _state_field(obj, method)
    _lock_state(obj, field, whole_row=fresh)
    if not can_proceed(method):
        pattern = refusal or _("当前状态为“%(status)s”，不能%(action)s")
        state = getattr(obj, f"get_{field}_display")()
        raise error(pattern % {"status": state, field: state, "action": label})
    before = getattr(obj, field)
    for attname, value in (changes or {}).items():
        setattr(obj, attname, value)
    method(**(arguments or {}))
    obj.save()
    details = {"field": field, "from": before, "to": getattr(obj, field), "note": note}
    return log_action(
        obj, action or f"{activity_prefix(obj)}.{name}", by=by, data={**details, **(data or {})}
    )
