from django.http import HttpRequest

from ..models import AuditEvent, Organization, User


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Behind the reverse proxy the left-most X-Forwarded-For entry is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return ip or None


def record_event(
    *,
    kind: str,
    actor: User | None = None,
    actor_email: str = "",
    target_user: User | None = None,
    organization: Organization | None = None,
    request: HttpRequest | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one entry to the security audit log."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        actor=actor,
        actor_email=(actor.email if actor else actor_email)[:254],
        target_user=target_user,
        organization=organization,
        ip_address=client_ip(request),
        path=(request.path[:300] if request is not None else ""),
        detail=detail or {},
    )
