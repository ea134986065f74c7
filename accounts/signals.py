"""Record security events in the audit log. Recording only: no business logic lives here."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent
from .services import record_event


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    record_event(kind=AuditEvent.Kind.LOGIN, actor=user, request=request)


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(kind=AuditEvent.Kind.LOGOUT, actor=user, request=request)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    # Only the attempted address is kept; never the password.
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    target = get_user_model().objects.filter(email__iexact=email).first() if email else None
    record_event(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        actor_email=email,
        target_user=target,
        request=request,
    )


@receiver(authenticator_added)
def record_mfa_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        record_event(kind=AuditEvent.Kind.MFA_ACTIVATED, actor=user, request=request)


@receiver(authenticator_removed)
def record_mfa_removed(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        record_event(kind=AuditEvent.Kind.MFA_DEACTIVATED, actor=user, request=request)
