"""Record security events in the audit log, and end live access when access ends.

No business logic lives here: recording, and telling open sockets to re-check their access
(core.realtime) whichever way a membership ends or a user is deactivated (services, admin).
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.realtime import recheck_live_access

from .models import AuditEvent, Membership
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
        # Activating took a valid code from the new app: this session has passed the second
        # factor (accounts.middleware). Saved now, as allauth sends this signal on commit.
        if getattr(request, "user", None) == user:
            record_authentication(request, user, "mfa", type=authenticator.type, activated=True)
            request.session.save()


@receiver(authenticator_removed)
def record_mfa_removed(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        record_event(kind=AuditEvent.Kind.MFA_DEACTIVATED, actor=user, request=request)


@receiver(post_delete, sender=Membership)
def recheck_sockets_of_removed_member(sender, instance, **kwargs):
    recheck_live_access(user_ids=[instance.user_id])


@receiver(post_save, sender=get_user_model())
def recheck_sockets_of_deactivated_user(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        recheck_live_access(user_ids=[instance.pk])
