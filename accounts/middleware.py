"""Staff and brokers set up two-step verification before they can use the portal."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import has_totp, mfa_required_for

# allauth's own pages (including MFA setup and logout) and files stay reachable.
EXEMPT_PREFIXES = ("/accounts/", "/en/accounts/", "/static/", "/media/", "/i18n/", "/healthz")


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("请先启用两步验证。")}, status=403)
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not getattr(settings, "ACCOUNTS_MFA_REQUIRED", True):
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(EXEMPT_PREFIXES):
            return False
        return mfa_required_for(user) and not has_totp(user)
