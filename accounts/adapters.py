"""allauth adapters: onboarding redirect after login and MFA that staff and brokers cannot drop."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from .selectors import mfa_required_for


def needs_onboarding(user) -> bool:
    """Nobody has told us yet which organization or role this person acts for."""
    return (
        user.is_authenticated
        and not user.is_staff
        and not user.memberships.exists()
        and not hasattr(user, "broker_profile")
        and not hasattr(user, "expert_profile")
    )


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        if needs_onboarding(request.user):
            return reverse("accounts:welcome")
        return super().get_login_redirect_url(request)

    def post_login(self, request, user, *, redirect_url, **kwargs):
        # Signup stores its redirect before anyone is logged in; decide onboarding now.
        if redirect_url in (None, "", settings.LOGIN_REDIRECT_URL) and needs_onboarding(user):
            redirect_url = reverse("accounts:welcome")
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)

    def get_email_verification_redirect_url(self, email_address):
        # The new account is logged in right after confirming (LOGIN_ON_EMAIL_CONFIRMATION).
        if needs_onboarding(email_address.user):
            return reverse("accounts:welcome")
        return super().get_email_verification_redirect_url(email_address)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Staff and brokers keep their authenticator app; recovery codes may be regenerated.
        if authenticator.type == Authenticator.Type.TOTP and mfa_required_for(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
