"""Staff, brokers and editors set up two-step verification and pass it before using the portal."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import has_totp, mfa_required_for, passed_second_factor

# allauth's own pages (including MFA setup and logout) and files stay reachable.
EXEMPT_PREFIXES = ("/accounts/", "/en/accounts/", "/static/", "/media/", "/i18n/", "/healthz")


def mfa_enforced() -> bool:
    return getattr(settings, "ACCOUNTS_MFA_REQUIRED", True)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._refusal(request) or self.get_response(request)

    def _refusal(self, request):
        if not mfa_enforced() or request.path.startswith(EXEMPT_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not mfa_required_for(user):
            return None
        if not has_totp(user):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("请先启用两步验证。")}, status=403)
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.path})}")
        if passed_second_factor(request.session, user):
            return None
        # Signed in with the password alone (a login form other than allauth's, or an older
        # session): the session ends, and signing in again asks for the code.
        logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("请重新登录并完成两步验证。")}, status=403)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")


# Addresses outside i18n_patterns: their language comes from a cookie or header, not a choice.
LANGUAGE_NEUTRAL_PREFIXES = ("/static/", "/media/", "/api/", "/i18n/", "/admin/", "/django-admin/")


class RememberLanguageMiddleware:
    """Keeps User.language equal to the language of the user's last page (one UPDATE when it
    changes), so e-mails sent later, outside any request, are written in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(request, "LANGUAGE_CODE", "")
        if (
            user is not None
            and user.is_authenticated
            and language in dict(settings.LANGUAGES)
            and user.language != language
            and not request.path.startswith(LANGUAGE_NEUTRAL_PREFIXES)
        ):
            get_user_model().objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return self.get_response(request)
