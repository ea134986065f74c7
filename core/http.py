"""View helpers every app shares: safe redirects and running a service with its refusal shown."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from .errors import ActionRefused


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    """The `next` of the request (POST first, then GET) when it stays on this site, else fallback.

    `fallback` may be a URL or a URL name, as for `redirect`.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback)


def run_action(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    success: str = "",
    redirect_to: str = "/",
):
    """Call a service; on refusal show its message instead of an error page, then redirect.

    Returns (result, response); result is None when the service refused.
    """
    try:
        result = action()
    except ActionRefused as exc:
        messages.error(request, exc.message)
        return None, HttpResponseRedirect(resolve_url(redirect_to))
    if success:
        messages.success(request, success)
    return result, HttpResponseRedirect(resolve_url(redirect_to))
