"""The one way in: allauth's login, which asks staff, brokers and editors for their TOTP code."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from core.http import safe_next


def login_elsewhere(fallback: str):
    """A view for Wagtail's and Django admin's own login forms: it never signs anyone in.

    Any method (a POSTed password too) is sent to allauth's login, keeping a safe `next`.
    CSRF is moot: the view changes nothing.
    """

    @csrf_exempt
    def view(request):
        target = safe_next(request, fallback)
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")

    return view


admin_login = login_elsewhere("/admin/")
django_admin_login = login_elsewhere("/django-admin/")
frontend_login = login_elsewhere("/")
