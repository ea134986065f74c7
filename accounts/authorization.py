"""The one authorisation path: every view, API operation and admin view asks `authorize()`.

Predicates live in each app's `rules.py` (django-rules) and are registered as permissions;
`authorize` asks for one, and on refusal writes the security log and answers by one rule:

- **404** when the object's existence itself is confidential to the caller: a draft or pending
  listing of another organization, someone else's correspondence, task, report or payment.
  Answering "forbidden" there would confirm that it exists.
- **403** otherwise: the caller may know the object or page exists (it is public, or theirs),
  but may not take this action on it.

The caller states which case applies with `missing="404"` or `missing="403"`.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import AuditEvent, Organization
from .rules import organization_of
from .services import record_event


def authorize(request_or_user, perm, obj=None, *, missing: str = "403") -> None:
    """Return if the user has `perm` on `obj`; otherwise log the refusal and raise Http404
    (missing="404": obj's existence is confidential to them) or PermissionDenied (403).

    `perm` is a registered permission name ("marketplace.change_listing"), or a predicate
    itself where superusers get no pass (user.has_perm lets them through everything; the
    parties' own correspondence is not theirs to read)."""
    if missing not in ("403", "404"):
        raise ValueError(f"missing must be '403' or '404', not {missing!r}")
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    user = request.user if request is not None else request_or_user
    if isinstance(perm, str):
        allowed = user.has_perm(perm, obj)
    elif isinstance(perm, rules.Predicate):
        allowed = perm.test(user, obj)  # passes obj only to predicates that take one
    else:
        allowed = perm(user, obj)
    if allowed:
        return
    org = organization_of(obj)
    record_event(
        kind=AuditEvent.Kind.PERMISSION_DENIED,
        actor=user,
        organization=org if isinstance(org, Organization) else None,
        request=request,
        detail={"permission": _name(perm), "answer": missing},
    )
    if missing == "404":
        raise Http404(perm)
    raise PermissionDenied(perm)


def _name(perm) -> str:
    if isinstance(perm, str):
        return perm
    return getattr(perm, "name", None) or getattr(perm, "__name__", repr(perm))
