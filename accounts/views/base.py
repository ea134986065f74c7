from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from ..models import AuditEvent, Organization
from ..rules import organization_of
from ..services import record_event


def authorize(request: HttpRequest, perm: str, obj=None) -> None:
    """Raise 403 unless request.user has perm on obj; denials go to the audit log."""
    if request.user.has_perm(perm, obj):
        return
    org = organization_of(obj)
    record_event(
        kind=AuditEvent.Kind.PERMISSION_DENIED,
        actor=request.user,
        organization=org if isinstance(org, Organization) else None,
        request=request,
        detail={"permission": perm},
    )
    raise PermissionDenied(perm)
