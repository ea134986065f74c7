"""Who may open what: every URL, API operation and WebSocket route against seven actors.

PERMISSION_MATRIX is the single table. A route without a row fails the suite (so a new view
cannot ship unguarded by forgetting), and so does a row whose route is gone. Cells hold the
RIGHT answer; where today's code answers wrongly the cell is `wrong(right, reason)`, an
xfail(strict=True) that turns red the day the side door is closed (then drop the wrapper).

Outcome classes: "ok" (2xx, or a redirect within the same path), "login" (redirect to a login
page, or 401 from the API), "deny" (403/404), "hidden" (404 only: the object's existence is not
the caller's to know, accounts.authorization), "redirect" (elsewhere), "not-allowed" (405).
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

from tests.conftest import log_in_with_both_factors
from tests.permission_world import ACTORS, build_world

# ---------------------------------------------------------------- the table's vocabulary


@dataclass(frozen=True)
class Wrong:
    """Today's code answers otherwise; `right` is what it must answer once fixed."""

    right: str
    reason: str


def wrong(right: str, reason: str) -> Wrong:
    return Wrong(right, reason)


@dataclass
class Row:
    expect: dict  # actor -> outcome class (or Wrong)
    kwargs: object = None  # world -> URL kwargs
    path: object = None  # world -> path, for rows that are not reversible names
    post_only: bool = False  # GET is refused for all; anonymous/unrelated POSTs change nothing
    method: str = "GET"  # API operations: their HTTP method
    body: dict = field(default_factory=dict)


def cells(default: str, **over) -> dict:
    return {actor: over.get(actor, default) for actor in ACTORS}


def public(**kw) -> Row:
    return Row(cells("ok"), **kw)


def signed_in(**kw) -> Row:
    """Any account; anonymous visitors are sent to log in."""
    return Row(cells("ok", anonymous="login"), **kw)


def only(*allowed, anonymous="login", others="deny", extra=None, **kw) -> Row:
    """`allowed` actors get "ok"; the rest `others`; `extra` overrides single cells."""
    expect = {a: ("ok" if a in allowed else others) for a in ACTORS}
    expect["anonymous"] = anonymous
    expect.update(extra or {})
    return Row(expect, **kw)


def posted(kwargs=None, **kw) -> Row:
    """A POST-only route: GET refused for everyone, outsiders' POSTs leave no trace."""
    return Row(cells("not-allowed", anonymous="login"), kwargs=kwargs, post_only=True, **kw)


def needs_organization(**kw) -> Row:
    """Organization work: accounts without one (expert, broker, staff) are sent to create one."""
    return Row(
        cells("ok", anonymous="login", expert="redirect", broker="redirect", staff="redirect"), **kw
    )


def pk(name):
    return lambda w: {"pk": getattr(w, name).pk}


ENGAGEMENT = pk("engagement")
PARTIES = ("owner", "party", "broker")  # owner's org supplies, party's org demands
# An engagement, its room, contract and offers are private: strangers get 404 ("hidden");
# staff oversee the engagement, so the room refuses them (403) rather than hiding.
STAFF_SEE_IT = {"staff": "deny"}
STAFF_ONLY = only("staff")

# ---------------------------------------------------------------- PERMISSION_MATRIX

PERMISSION_MATRIX: dict[str, Row] = {
    # --- config and cms: open to all
    "healthz": public(),
    "favicon": public(),
    # Open from the stack's own networks (the test client is on loopback) or with the token;
    # tests/config/test_metrics.py refuses it from outside and through the proxy.
    "metrics": public(),
    # Wagtail's and Django admin's password-only logins hand everyone to allauth's (with TOTP).
    "admin_login": Row(cells("login")),
    "django_admin_login": Row(cells("login")),
    "wagtail_frontend_login": Row(cells("login")),
    "robots_txt": public(),
    "sitemap": public(),
    "feed_news": public(),
    "feed_policies": public(),
    "feed_challenge_calls": public(),
    "stripe_webhook": Row(cells("not-allowed"), post_only=True),
    "api-v1:openapi-json": public(),
    "api-v1:openapi-view": public(),
    "api-v1:api-root": Row(cells("deny")),
    # --- accounts
    "accounts:welcome": signed_in(),
    "accounts:security": signed_in(),
    "accounts:deletion_request": signed_in(),
    "accounts:deletion_withdraw": posted(),
    "accounts:broker_edit": signed_in(),
    "accounts:broker_submit": posted(),
    "accounts:broker_list": public(),
    "accounts:broker_profile": public(kwargs=pk("broker_profile")),
    "accounts:org_list": signed_in(),
    "accounts:org_create": signed_in(),
    "accounts:org_profile": public(kwargs=pk("org")),
    "accounts:org_settings": only("owner", "staff", kwargs=pk("org")),
    "accounts:org_verification": only("owner", "staff", kwargs=pk("org")),
    "accounts:org_submit_verification": posted(pk("org")),
    "accounts:org_document": only(
        "owner",
        "staff",
        kwargs=lambda w: {"pk": w.org.pk, "document_pk": w.verification_document.pk},
    ),
    "accounts:org_members": only("owner", "staff", kwargs=pk("org")),
    "accounts:member_remove": posted(lambda w: {"pk": w.org.pk, "membership_pk": w.membership.pk}),
    "accounts:member_role": posted(lambda w: {"pk": w.org.pk, "membership_pk": w.membership.pk}),
    "accounts:org_transfer": posted(pk("org")),
    "accounts:invitation_revoke": posted(
        lambda w: {"pk": w.org.pk, "invitation_pk": w.invitation.pk}
    ),
    "accounts:invitation_accept": signed_in(kwargs=lambda w: {"token": w.invitation.token}),
    # --- marketplace
    "marketplace:dashboard": signed_in(),
    "marketplace:inquiries": signed_in(),
    "marketplace:inquiry_status": posted(pk("inquiry")),
    # The inquirer (party) and the listing's owner; a broker only once assigned (not here).
    "marketplace:inquiry": only("owner", "party", kwargs=pk("inquiry")),
    "marketplace:inquiry_reply": posted(pk("inquiry")),
    "marketplace:import": needs_organization(),
    "marketplace:export": signed_in(),
    "marketplace:annex_manage": only("owner", "staff", kwargs=pk("published")),
    "marketplace:annex_request": posted(pk("published")),
    # Those without an approved request are sent back to the listing, never given the file.
    "marketplace:annex_download": only("owner", "staff", others="redirect", kwargs=pk("published")),
    "marketplace:annex_decide": posted(lambda w: {"request_pk": w.annex_request.pk}),
    # A published listing's files are public; drafts' are covered in tests/core.
    "marketplace:attachment": public(kwargs=pk("listing_file")),
    "marketplace:achievement_list": public(),
    "marketplace:achievement_create": needs_organization(),
    "marketplace:achievement_quality": posted(),
    "marketplace:achievement_detail": public(kwargs=pk("published")),
    "marketplace:achievement_detail#draft": only(
        "owner", "staff", anonymous="deny", kwargs=pk("draft")
    ),
    "marketplace:achievement_edit": only("owner", "staff", kwargs=pk("published")),
    # The view beacon: anyone may report a view of a published listing (counted once per visitor).
    "marketplace:achievement_seen": Row(cells("ok"), kwargs=pk("published"), post_only=True),
    "marketplace:achievement_action": posted(lambda w: {"pk": w.published.pk, "verb": "withdraw"}),
    "marketplace:need_list": public(),
    "marketplace:need_create": needs_organization(),
    "marketplace:need_quality": posted(),
    "marketplace:need_detail": public(kwargs=pk("need")),
    "marketplace:need_detail#draft": only(
        "owner", "staff", anonymous="deny", kwargs=pk("draft_need")
    ),
    "marketplace:need_edit": only("owner", "staff", kwargs=pk("need")),
    "marketplace:need_seen": Row(cells("ok"), kwargs=pk("need"), post_only=True),
    "marketplace:need_action": posted(lambda w: {"pk": w.need.pk, "verb": "withdraw"}),
    # --- notifications: one's own
    "notifications:list": signed_in(),
    "notifications:read": posted(pk("notification")),
    "notifications:read_all": posted(),
    "notifications:preferences": signed_in(),
    # --- brokerage: brokers' desk, engagement pages for parties/broker/staff, the room for
    # parties and the broker only (staff stay out of negotiations, see tests/brokerage)
    "brokerage:dashboard": only("broker"),
    "brokerage:inquiries": only("broker", "staff"),
    "brokerage:claim": posted(lambda w: {"inquiry_id": w.inquiry.pk}),
    "brokerage:add_party": posted(ENGAGEMENT),
    "brokerage:mine": signed_in(),
    "brokerage:engagement": only(*PARTIES, "staff", others="hidden", kwargs=ENGAGEMENT),
    "brokerage:stage": posted(ENGAGEMENT),
    "brokerage:note": posted(ENGAGEMENT),
    "brokerage:task": posted(ENGAGEMENT),
    "brokerage:task_done": posted(lambda w: {"pk": w.engagement.pk, "task_id": w.task.pk}),
    "brokerage:meeting": posted(ENGAGEMENT),
    "brokerage:document": posted(ENGAGEMENT),
    "brokerage:document_download": only(
        *PARTIES,
        "staff",
        others="hidden",
        kwargs=lambda w: {"pk": w.engagement.pk, "document_id": w.document.pk},
    ),
    "brokerage:commission": posted(ENGAGEMENT),
    "brokerage:consent": posted(ENGAGEMENT),
    # The parties see the engagement, so running its contract is refused to them, not hidden.
    "brokerage:contract": only(
        "broker",
        "staff",
        others="hidden",
        extra={"owner": "deny", "party": "deny"},
        kwargs=ENGAGEMENT,
    ),
    "brokerage:register": posted(ENGAGEMENT),
    "brokerage:contract_pdf": only(*PARTIES, "staff", others="hidden", kwargs=ENGAGEMENT),
    "brokerage:room": only(*PARTIES, others="hidden", extra=STAFF_SEE_IT, kwargs=ENGAGEMENT),
    "brokerage:room_upload": posted(ENGAGEMENT),
    "brokerage:room_broker_offers": posted(ENGAGEMENT),
    "brokerage:room_file": only(
        *PARTIES,
        others="hidden",
        extra=STAFF_SEE_IT,
        kwargs=lambda w: {"pk": w.engagement.pk, "file_id": w.room_file.pk},
    ),
    # --- search
    "search:search": public(),
    "search:saved_list": signed_in(),
    "search:saved_create": posted(),
    "search:saved_update": posted(pk("saved_search")),
    "search:saved_delete": posted(pk("saved_search")),
    "search:my_matches": signed_in(),
    "search:match_feedback": posted(),
    # --- challenges: the board under review, the party's application, the expert's review
    "challenges:list": public(),
    "challenges:create": needs_organization(),
    "challenges:detail": public(kwargs=pk("challenge")),
    # 仅申报方可见: staff, the owner, the assigned expert and the submitted applicant.
    "challenges:attachment": only("owner", "party", "expert", "staff", kwargs=pk("challenge")),
    "challenges:pledge": posted(pk("challenge")),
    "challenges:proposal_pdf": only("party", "expert", "staff", kwargs=pk("application")),
    "challenges:detail#draft": only("owner", "staff", anonymous="deny", kwargs=pk("draft_board")),
    "challenges:edit": only("owner", "staff", kwargs=pk("draft_board")),
    "challenges:submit": posted(pk("draft_board")),
    # 转为榜单: the need's organization administrators (and staff) turn it into a draft 榜单.
    "challenges:promote_need": posted(lambda w: {"need_pk": w.need.pk}),
    "challenges:announcement": Row(cells("deny"), kwargs=pk("challenge")),
    "challenges:apply": Row(  # the party has applied already: sent to its application
        cells("ok", anonymous="login", party="redirect"), kwargs=pk("challenge")
    ),
    "challenges:mine": signed_in(),
    # Reviewers read applications through their score pages; the poster waits for the result.
    "challenges:application": only("party", "staff", kwargs=pk("application")),
    "challenges:application_edit": only("party", kwargs=pk("application")),
    "challenges:application_withdraw": posted(pk("application")),
    "challenges:review": signed_in(),
    "challenges:assignment": only("expert", kwargs=pk("review")),
    "challenges:score": only(
        "expert",
        kwargs=lambda w: {"pk": w.review.pk, "application_pk": w.application.pk},
    ),
    "challenges:deliver": posted(pk("milestone")),
    "challenges:accept": posted(pk("milestone")),
    # 组阁制: the cabinet page for the owner, staff and the chief scientist (the expert is the
    # chief of the draft board, not of this challenge); the chief's actions are POSTs.
    "challenges:cabinet": only("owner", "staff", kwargs=pk("challenge")),
    "challenges:cabinet_nominate": posted(pk("challenge")),
    "challenges:cabinet_respond": posted(pk("chief_appointment")),
    "challenges:cabinet_team": posted(pk("chief_appointment")),
    "challenges:cabinet_change": posted(pk("chief_appointment")),
    # 赛马制 stage gate: the comparison for the owner and staff, the decision staff's POST, the
    # result file for the team, the owner, staff and the challenge's (unconflicted) experts.
    "challenges:stage_gate": only("owner", "staff", kwargs=pk("challenge")),
    "challenges:stage_gate_decide": posted(pk("challenge")),
    "challenges:stage_result": posted(pk("milestone")),
    "challenges:stage_result_file": only(
        "owner", "party", "expert", "staff", kwargs=pk("stage_result")
    ),
    # The world's application is not a racing team, so nobody scores it at the stage gate; the
    # expert's own scoring is walked in tests/challenges/test_stage_gate_in_browser.py.
    "challenges:stage_gate_score": Row(
        cells("deny", anonymous="login"),
        kwargs=lambda w: {"pk": w.review.pk, "application_pk": w.application.pk},
    ),
    # --- payments: receipts are their payer's
    "payments:receipts": signed_in(),
    "payments:receipt": only("owner", kwargs=lambda w: {"number": w.receipt.number}),
    "payments:return": only("owner", kwargs=lambda w: {"number": w.receipt.number}),
    "payments:pay": posted(lambda w: {"number": w.receipt.number}),
    "payments:products": public(),
    "payments:product": public(kwargs=lambda w: {"slug": w.product.slug}),
    "payments:deposit": only("owner", kwargs=pk("challenge")),
    # --- evaluation: the owner's request, the assigned expert's review
    "evaluation:home": public(),
    "evaluation:verify": public(),
    # The request form of a draft: its organization and staff only (it names the achievement).
    "evaluation:request": only("owner", "staff", kwargs=lambda w: {"achievement_pk": w.draft.pk}),
    "evaluation:detail": only("owner", "staff", kwargs=pk("evaluation")),
    "evaluation:consent": posted(pk("evaluation")),
    "evaluation:pay": posted(pk("evaluation")),
    "evaluation:cancel": posted(pk("evaluation")),
    "evaluation:badge": posted(pk("evaluation")),
    "evaluation:report_pdf": only(kwargs=pk("evaluation")),  # not finalised yet
    "evaluation:discuss": posted(pk("evaluation")),
    "evaluation:public": Row(cells("deny"), kwargs=pk("evaluation")),
    "evaluation:reviews": signed_in(),
    "evaluation:assignment": only("expert", "staff", kwargs=pk("appraisal")),
    # --- reports: the science bureau's exports, staff only
    "reports:index": STAFF_ONLY,
    "reports:challenges": STAFF_ONLY,
    "reports:evaluations": STAFF_ONLY,
    "reports:contracts": STAFF_ONLY,
    # --- the JSON API, one row per operation: "api <METHOD> <path>"
    "api GET /brokerage/engagements": signed_in(),
    "api GET /brokerage/engagements/{engagement_id}/messages": only(
        *PARTIES,
        others="hidden",
        extra=STAFF_SEE_IT,
        kwargs=lambda w: {"engagement_id": w.engagement.pk},
    ),
    "api GET /challenges/": public(),
    "api GET /challenges/review/assignments": signed_in(),
    "api GET /challenges/{int:challenge_id}": public(
        kwargs=lambda w: {"challenge_id": w.challenge.pk}
    ),
    "api GET /challenges/{int:challenge_id}/results": Row(
        cells("deny"), kwargs=lambda w: {"challenge_id": w.challenge.pk}
    ),
    "api GET /achievements": public(),
    "api GET /achievements/{achievement_id}": public(
        kwargs=lambda w: {"achievement_id": w.published.pk}
    ),
    "api GET /achievements/{achievement_id}#draft": Row(
        cells("deny"), kwargs=lambda w: {"achievement_id": w.draft.pk}
    ),
    "api GET /needs": public(),
    "api GET /needs/{need_id}": public(kwargs=lambda w: {"need_id": w.need.pk}),
    "api GET /needs/{need_id}#draft": Row(
        cells("deny"), kwargs=lambda w: {"need_id": w.draft_need.pk}
    ),
    "api GET /search": public(),
    "api GET /search/suggest": public(),
    "api GET /needs/{ident}/matches": public(kwargs=lambda w: {"ident": w.need.pk}),
    "api GET /achievements/{ident}/matches": public(kwargs=lambda w: {"ident": w.published.pk}),
    "api GET /saved-searches": signed_in(),
    "api POST /saved-searches": Row(
        cells("ok", anonymous="login"), method="POST", body={"name": "矩阵", "query": "胶"}
    ),
    "api PATCH /saved-searches/{pk}": only(
        "owner", method="PATCH", kwargs=pk("saved_search"), body={"name": "改名"}
    ),
    "api DELETE /saved-searches/{pk}": only("owner", method="DELETE", kwargs=pk("saved_search")),
    "api GET /accounts/orgs/{org_id}": public(kwargs=lambda w: {"org_id": w.org.pk}),
    "api GET /accounts/brokers/{broker_id}": public(
        kwargs=lambda w: {"broker_id": w.broker_profile.pk}
    ),
    "api GET /accounts/me": signed_in(),
    "api GET /evaluation/achievements/{achievement_id}": Row(
        cells("deny"), kwargs=lambda w: {"achievement_id": w.published.pk}
    ),
    "api GET /evaluation/verify/{code}": public(kwargs=lambda w: {"code": "NOPE"}),
    # --- WebSocket routes: "ok" = the connection is accepted
    "ws /ws/engagements/<int:engagement_id>/room/": only(
        *PARTIES,
        anonymous="deny",
        kwargs=lambda w: {"engagement_id": w.engagement.pk},
    ),
}

# Third-party URL sets, one group each (keyed by the package whose URLconf declares them),
# checked through a few sample paths rather than a row per URL.
THIRD_PARTY: dict[str, dict[str, Row]] = {
    "wagtail": {
        "/admin/": only("staff", others="login"),
        "/admin/pages/": only("staff", others="login"),
        "/": public(),
        "/documents/999999/nothing.pdf": Row(cells("deny")),
    },
    "admin": {  # django.contrib.admin (its URLconf is a list under the "admin" namespace)
        "/django-admin/": only("staff", others="login"),
    },
    "allauth": {
        "/accounts/login/": Row(cells("redirect", anonymous="ok")),
        "/accounts/email/": signed_in(),
        "/accounts/2fa/": signed_in(),
        "/accounts/password/change/": signed_in(),
    },
}

PROJECT_PACKAGES = {
    "config",
    "core",
    "accounts",
    "marketplace",
    "notifications",
    "brokerage",
    "search",
    "challenges",
    "payments",
    "evaluation",
    "reports",
    "cms",
}

# ---------------------------------------------------------------- enumerating the routes


def _walk(resolver, prefix="", namespace=None, owner=None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), full_ns, _owner(entry, owner))
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield prefix + str(entry.pattern), name, owner


def _owner(resolver, parent: str) -> str:
    """The package whose URLconf declares an include; whatever a third-party include nests
    (Wagtail admin viewsets registered by project hooks too) stays in that third-party group."""
    if parent not in PROJECT_PACKAGES:
        return parent
    conf = resolver.urlconf_name
    module = conf if isinstance(conf, str) else getattr(conf, "__name__", None)
    if module:
        return module.split(".")[0]
    return "admin" if resolver.namespace == "admin" else parent


def ninja_operations():
    """(key, path) for every operation of config.api's routers."""
    from config.api import api

    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = (prefix.rstrip("/") + path) if path != "/" else prefix
                    yield f"api {method} {full}", full


def websocket_routes():
    from config.routing import websocket_urlpatterns

    for pattern in websocket_urlpatterns:
        yield f"ws /{pattern.pattern}", pattern


def route_keys():
    """(required keys, third-party groups, unnamed project patterns) found in the code."""
    api_names = {f"api-v1:{op.view_func.__name__}" for op in _all_ninja_ops()}
    keys, groups, unnamed = set(), set(), []
    for pattern, name, owner in _walk(get_resolver(), owner="config"):
        if owner not in PROJECT_PACKAGES:
            groups.add(owner)
        elif name is None:
            unnamed.append(pattern)
        elif name not in api_names:
            keys.add(name)
    keys |= {key for key, _path in ninja_operations()}
    keys |= {key for key, _route in websocket_routes()}
    return keys, groups, unnamed


def _all_ninja_ops():
    from config.api import api

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


# ---------------------------------------------------------------- coverage: forget nothing


def test_every_route_has_a_row_in_the_permission_matrix():
    keys, groups, unnamed = route_keys()
    rows = {key.split("#")[0] for key in PERMISSION_MATRIX}
    problems = [f"add a row for {key} to PERMISSION_MATRIX" for key in sorted(keys - rows)]
    problems += [f"remove the row for {key}: no such route" for key in sorted(rows - keys)]
    problems += [
        f"add a group for {group} to THIRD_PARTY" for group in sorted(groups - set(THIRD_PARTY))
    ]
    problems += [
        f"remove the THIRD_PARTY group {g}: no such URLs" for g in sorted(set(THIRD_PARTY) - groups)
    ]
    problems += [f"name the URL pattern {p!r} and add a row for it" for p in unnamed]
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- WebSocket routes
# (first in the module: a transactional test must run before the shared world's transaction
# opens)


@pytest.mark.django_db(transaction=True)
def test_websocket_routes_accept_exactly_the_matrix_actors(tmp_path):
    from channels.layers import channel_layers

    from tests.brokerage.ws import room, run

    with override_settings(MEDIA_ROOT=tmp_path):
        world = build_world()
    problems = []
    for key, row in PERMISSION_MATRIX.items():
        if not key.startswith("ws "):
            continue
        engagement = world.engagement
        for actor in ACTORS:

            async def scenario(user=world.users[actor], engagement=engagement):
                communicator = room(engagement, user)
                connected, _code = await communicator.connect()
                await communicator.disconnect()
                return connected

            channel_layers.backends.clear()  # the Redis layer's locks belong to one loop
            got = "ok" if run(scenario) else "deny"
            cell = row.expect[actor]
            want = cell.right if isinstance(cell, Wrong) else cell
            still_wrong = isinstance(cell, Wrong)
            if (got == want) == still_wrong:
                problems.append(f"{key} as {actor}: got {got}, matrix says {cell}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- the shared world


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the class below inside a transaction rolled back after it; each test's
    own `db` transaction nests inside it as a savepoint. (pytest-django runs transactional
    tests last; the class scope closes this transaction before the WebSocket test runs.)"""
    from tests.factories import ensure_seeded

    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            ensure_seeded()
            _ensure_site()
            world = build_world()
            world.sessions = {actor: _log_in(user) for actor, user in world.users.items() if user}
            yield world
            transaction.set_rollback(True)


def _ensure_site():
    """A transactional test's flush (the WebSocket one, others in the suite) removes the Wagtail
    tree that migrations seed; put the home page and default site back, as conftest's
    home_page fixture does."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="首页", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )


def _log_in(user) -> str:
    """One session per actor for the whole class: logging in per test costs a session row, an
    audit event and a login signal each time."""
    client = Client()
    log_in_with_both_factors(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_for(world, actor) -> Client:
    client = Client()
    if actor in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[actor]
    return client


def url_of(key: str, row: Row, world) -> str:
    kwargs = row.kwargs(world) if row.kwargs else {}
    if key.startswith("api "):
        path = key.split(" ", 2)[2].split("#")[0]
        for name, value in kwargs.items():
            path = path.replace(f"{{{name}}}", str(value)).replace(f"{{int:{name}}}", str(value))
        return "/api/v1" + path
    if row.path:
        return row.path(world)
    return reverse(key.split("#")[0], kwargs=kwargs)


REFUSED = {"login", "deny", "hidden", "not-allowed"}


def outcome(response, path: str, want: str = "") -> str:
    """The response's class; a 404 is "hidden" where the matrix asks for that, else "deny"."""
    code = response.status_code
    if 200 <= code < 300:
        return "ok"
    if code == 401:
        return "login"
    if code == 404 and want == "hidden":
        return "hidden"
    if code in (403, 404):
        return "deny"
    if code == 405:
        return "not-allowed"
    if 300 <= code < 400:
        target = urlsplit(response["Location"]).path
        if "login" in target:
            return "login"
        return "ok" if target.startswith(path) else "redirect"
    return f"error {code}"


def _cases():
    for key, row in PERMISSION_MATRIX.items():
        if key.startswith("ws "):
            continue
        for actor in ACTORS:
            expected = row.expect[actor]
            marks = []
            if isinstance(expected, Wrong):
                marks = [pytest.mark.xfail(strict=True, reason=expected.reason)]
            yield pytest.param(key, actor, id=f"{key}-{actor}", marks=marks)


def _expected(row: Row, actor: str) -> str:
    cell = row.expect[actor]
    return cell.right if isinstance(cell, Wrong) else cell


# ---------------------------------------------------------------- outsiders' POSTs change nothing

# The audit log records refused attempts on purpose; everything else must stay as it was.
PROJECT_MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in PROJECT_PACKAGES
    and m._meta.label != "accounts.AuditEvent"
    # Site settings are created on first read (the refusal page reads them), not by the action.
    and not issubclass(m, BaseSiteSetting | BaseGenericSetting)
]


def fingerprint(world) -> dict:
    counts = {m._meta.label: m._default_manager.count() for m in PROJECT_MODELS}
    rows = {
        name: type(obj)._default_manager.filter(pk=obj.pk).values().first()
        for name, obj in world.objects.items()
    }
    return {"counts": counts, "rows": rows}


def _post_cases():
    for key, row in PERMISSION_MATRIX.items():
        if row.post_only or row.method not in ("GET",):
            for actor in ("anonymous", "unrelated"):
                yield pytest.param(key, actor, id=f"{key}-{actor}")


# ---------------------------------------------------------------- third-party groups


def _group_cases():
    for group, samples in THIRD_PARTY.items():
        for path in samples:
            for actor in ACTORS:
                yield pytest.param(group, path, actor, id=f"{group}{path}-{actor}")


class TestTheMatrixOnTheSharedWorld:
    @pytest.mark.django_db
    @pytest.mark.parametrize(("key", "actor"), list(_cases()))
    def test_each_actor_gets_the_answer_the_matrix_promises(self, world, key, actor):
        row = PERMISSION_MATRIX[key]
        url = url_of(key, row, world)
        client = client_for(world, actor)
        method = getattr(client, row.method.lower())
        if row.method == "GET":
            response = method(url)
        else:
            response = method(url, row.body, content_type="application/json")
        want = _expected(row, actor)
        got = outcome(response, url, want)
        if row.post_only:
            assert got in REFUSED, f"{row.method} {url} as {actor}: {got}"
            return
        assert got == want, f"{row.method} {url} as {actor}: got {got}, want {want}"

    @pytest.mark.django_db
    @pytest.mark.parametrize(("key", "actor"), list(_post_cases()))
    def test_outsiders_posts_are_refused_without_side_effects(self, world, key, actor):
        row = PERMISSION_MATRIX[key]
        url = url_of(key, row, world)
        client = client_for(world, actor)
        before = fingerprint(world)
        if key.startswith("api "):
            response = getattr(client, row.method.lower())(
                url, row.body, content_type="application/json"
            )
        else:
            response = client.post(url, {})
        if row.expect[actor] == "ok":  # e.g. anyone may create their own saved search
            return
        assert response.status_code < 500, f"{url} as {actor}: {response.status_code}"
        if actor == "anonymous":
            # 400: the Stripe webhook refuses a request without a valid signature
            assert response.status_code == 400 or outcome(response, url) in REFUSED
        after = fingerprint(world)
        assert after["counts"] == before["counts"], f"{url} as {actor} created or deleted rows"
        assert after["rows"] == before["rows"], f"{url} as {actor} changed a world object"

    @pytest.mark.django_db
    @pytest.mark.parametrize(("group", "path", "actor"), list(_group_cases()))
    def test_third_party_areas_answer_by_prefix(self, world, group, path, actor):
        row = THIRD_PARTY[group][path]
        response = client_for(world, actor).get(path)
        got, want = outcome(response, path), _expected(row, actor)
        assert got == want, f"GET {path} as {actor}: got {got}, want {want}"
