"""Site-wide views: the error pages' handlers and /favicon.ico."""

import functools
import re

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import get_language, trans_real
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
CJK = re.compile(r"[\u3400-\u9fff]")


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@requires_csrf_token
def permission_denied(request, exception):
    """403 in the portal's layout, saying why when the refusal was written for people."""
    return render(request, "403.html", {"reason": user_facing_reason(exception)}, status=403)


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the portal's page instead of Django's English one. `reason` is a
    developer's note (missing cookie, bad origin) and is not shown."""
    return render(request, "403_csrf.html", status=403)


def user_facing_reason(exception) -> str:
    """The PermissionDenied message if it went through gettext, else "".

    Services raise PermissionDenied(_("无权修改该发布")) for people and PermissionDenied("staff
    only") or a permission name for developers. Source strings are Chinese, so translated text
    either contains Chinese or is a translation in the active language's catalog."""
    message = str(exception.args[0]) if exception is not None and exception.args else ""
    if not message:
        return ""
    if CJK.search(message) or message in _translations(get_language()):
        return message
    return ""


@functools.lru_cache(maxsize=8)
def _translations(language: str) -> frozenset[str]:
    catalog = trans_real.translation(language)._catalog  # noqa: SLF001 - no public listing
    return frozenset(text for _key, text in catalog.items() if isinstance(text, str))
