"""The activity log, after pretix's `LoggedModel.log_action`: one trail for every app.

An entry says that `actor` did `action` to an object at a time, with a little JSON `data`
(for a transition: the state field, the state before and after, the user's note). The action is
a dotted type owned by one app ("challenge.publish", "listing.approve", "engagement.contact");
each app registers readable labels for its types in its AppConfig.ready():

    activity.register_labels({"challenge.publish": _("发布榜单"), ...})

`accounts.AuditEvent` stays the security log (sign-ins, role changes); this one is the business
trail that detail pages and the admin show.
"""

from django.contrib.contenttypes.models import ContentType

_labels: dict[str, object] = {}


def register_labels(labels: dict[str, object]) -> None:
    """Readable (lazily translated) labels of action types; registering again replaces them."""
    _labels.update(labels)


def label_of(action: str) -> str:
    """The readable label of an action type in the active language; the type itself if unknown."""
    label = _labels.get(action)
    return str(label) if label is not None else action


def known_actions() -> dict[str, object]:
    return dict(_labels)


def log_action(obj, action: str, *, by=None, data: dict | None = None, at=None):
    """Record that `by` (None: the system) did `action` to `obj`; returns the entry.

    Empty values are left out of `data`, so entries stay small and read the same whether a
    note was given or not."""
    from .models import ActivityEntry

    fields = {}
    if at is not None:
        fields["at"] = at
    return ActivityEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        action=action,
        actor=by if getattr(by, "is_authenticated", False) else None,
        data={k: v for k, v in (data or {}).items() if v not in ("", None)},
        **fields,
    )


def entries_for(obj):
    """The trail of one object, newest first, with its actors."""
    from .models import ActivityEntry

    return ActivityEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
    ).select_related("actor", "content_type")
