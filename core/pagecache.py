"""Anonymous public pages served from the shared cache (Redis in production).

Only requests that cannot carry personal content are cached: GET or HEAD, no session cookie (so
nobody signed in, nothing kept for the visitor), no pending messages, not an htmx fragment, and
only for the views named in CACHED_VIEWS. A response is stored only when it is a plain 200 that
sets no cookie and does not ask to stay private.

Keys carry a generation number. Any committed change to what these pages show (listings,
challenges, organizations, industries, Wagtail pages, images, documents, site settings) replaces
the generation, so every page is rendered afresh on its next request; entries of old generations
simply expire. PAGE_CACHE_SECONDS bounds how long a page lives even without a change (pages
that depend on the clock, such as a challenge passing its deadline). 0 turns caching off.

A page that carries a CSRF token (a form that posts) is the visitor's own and is never stored;
anonymous public pages have none (the header's language switch is a pair of links).

In front of this cache, the proxy (deploy/nginx.conf) keeps the same anonymous pages for
EDGE_CACHE_SECONDS, so most requests never reach Python: every page stored or served here says so
with `X-Accel-Expires`. A change therefore shows on anonymous pages at most EDGE_CACHE_SECONDS late.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_path

GENERATION_KEY = "pagecache:generation"
CACHED_VIEWS = frozenset(
    {
        "wagtail_serve",  # home and every CMS page
        "marketplace:achievement_list",
        "marketplace:achievement_detail",
        "marketplace:need_list",
        "marketplace:need_detail",
        "challenges:list",
        "challenges:detail",
        # Results can trail a change by the search outbox's delay; PAGE_CACHE_SECONDS bounds it.
        "search:search",
    }
)
# Changes to rows of these apps or models replace the generation (see connect_signals).
SOURCE_APPS = frozenset({"marketplace", "challenges", "cms", "wagtailcore"})
SOURCE_MODELS = frozenset(
    {
        "accounts.Organization",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "wagtailredirects.Redirect",
    }
)
# Long query strings are not worth a cache entry (and would let anyone fill the cache).
MAX_QUERY_LENGTH = 200
_TOKEN_FIELD = b'name="csrfmiddlewaretoken"'
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Last-Modified", "ETag")


def _seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:  # first use, or Redis was flushed: start a generation nobody has used
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        current = cache.get(GENERATION_KEY)
    return current


def bump_generation() -> None:
    """Every cached page is stale from now on."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def bump_on_commit() -> None:
    """After the change is committed: a page rendered before the commit must not come back."""
    if _seconds():
        transaction.on_commit(bump_generation)


def memoize(name: str, compute):
    """compute()'s result, shared by all processes until the next change (same generation and
    lifetime as the cached pages). For the parts of a page that visitors the page cache cannot
    serve share anyway, like the home page's figures and lists. Off when the page cache is."""
    seconds = _seconds()
    if not seconds:
        return compute()
    key = f"pagecache:{generation()}:memo:{name}:{get_language()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=seconds)
    return value


def _cacheable_request(request) -> bool:
    return (
        _seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def _key(request, gen: str) -> str:
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    address = f"{request.get_host()}|{language}|{request.get_full_path()}"
    return f"pagecache:{gen}:{hashlib.sha256(address.encode()).hexdigest()}"


def _anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class PageCacheMiddleware:
    """Placed after the session, locale, auth and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request, generation())
        entry = cache.get(key)
        if entry is not None:
            return _allow_edge(self._replay(request, entry))
        response = self.get_response(request)
        if _anonymous(request) and _storable_response(request, response):
            headers = {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}
            cache.set(key, {"content": response.content, "headers": headers}, timeout=_seconds())
            _allow_edge(response)
        return response

    def _replay(self, request, entry) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for header, value in entry["headers"].items():
            response[header] = value
        # Whoever brings a session cookie gets another page: tell shared caches so.
        patch_vary_headers(response, ("Cookie",))
        response["X-Page-Cache"] = "hit"
        request.resolver_match = resolve(request.path_info)  # for the metrics' view label
        return response


def _allow_edge(response):
    """Let the proxy keep this page for a few seconds (it never stores one that sets a cookie)."""
    seconds = getattr(settings, "EDGE_CACHE_SECONDS", 0)
    if seconds:
        response["X-Accel-Expires"] = str(seconds)
    return response


def _storable_response(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    cache_control = response.get("Cache-Control", "")
    return (
        match is not None
        and match.view_name in CACHED_VIEWS
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and _TOKEN_FIELD not in response.content
        and "private" not in cache_control
        and "no-store" not in cache_control
        and not _queued_messages(request)
        and not _session_modified(request)
    )


def _queued_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and getattr(storage, "_queued_messages", None))


def _session_modified(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.modified)


def _is_source(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and (meta.app_label in SOURCE_APPS or meta.label in SOURCE_MODELS)


def _changed(sender, **kwargs) -> None:
    if _is_source(sender):
        bump_on_commit()


def _page_changed(sender=None, **kwargs) -> None:
    bump_on_commit()


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")
    page_published.connect(_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-unpublished")
