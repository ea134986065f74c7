"""One authorisation path: authorize() answers 404 where the object's existence is confidential
to the caller, 403 otherwise, and writes every refusal to the security log."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from accounts.authorization import authorize
from accounts.models import AuditEvent, Membership
from marketplace.rules import can_view_inquiry
from tests.brokerage.factories import InquiryFactory
from tests.factories import AchievementFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def request_by(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_an_allowed_user_passes_and_nothing_is_logged():
    draft = AchievementFactory(status="draft")
    member = draft.organization.memberships.create(user=UserFactory()).user
    authorize(request_by(member), "marketplace.view_listing", draft, missing="404")
    assert not AuditEvent.objects.exists()


def test_an_outsider_asking_for_a_confidential_object_gets_404_and_is_logged():
    draft = AchievementFactory(status="draft")
    outsider = UserFactory()
    with pytest.raises(Http404):
        authorize(request_by(outsider), "marketplace.view_listing", draft, missing="404")
    event = AuditEvent.objects.get()
    assert event.kind == AuditEvent.Kind.PERMISSION_DENIED
    assert event.actor == outsider
    assert event.detail == {"permission": "marketplace.view_listing", "answer": "404"}
    assert event.path == "/somewhere/"


def test_a_refused_action_on_a_known_object_gets_403():
    published = AchievementFactory(status="published")
    with pytest.raises(PermissionDenied):
        authorize(UserFactory(), "marketplace.change_listing", published)
    assert AuditEvent.objects.get().organization == published.organization


def test_a_predicate_gives_a_superuser_no_pass_where_has_perm_would():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    inquiry = InquiryFactory()
    authorize(superuser, "marketplace.view_inquiry", inquiry)  # has_perm: superusers pass
    with pytest.raises(Http404):
        authorize(superuser, can_view_inquiry, inquiry, missing="404")


def test_only_403_or_404_may_be_asked_for():
    with pytest.raises(ValueError):
        authorize(UserFactory(), "marketplace.view_listing", None, missing="401")


def _literals_of_admin_roles(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", None) == "ADMIN_ROLES" for t in node.targets
        ):
            yield "ADMIN_ROLES ="
        if isinstance(node, ast.Tuple | ast.List) and {
            getattr(e, "attr", None) for e in node.elts
        } >= {"OWNER", "ADMIN"}:
            yield ast.unparse(node)


def test_the_managing_roles_are_defined_once_on_membership():
    found = {
        path.relative_to(ROOT).as_posix(): list(_literals_of_admin_roles(path))
        for app in ("accounts", "marketplace", "brokerage", "payments", "challenges", "evaluation")
        for path in (ROOT / app).rglob("*.py")
        if "/migrations/" not in path.as_posix()
    }
    found = {name: hits for name, hits in found.items() if hits}
    assert found == {"accounts/models/core.py": ["ADMIN_ROLES =", "(Role.OWNER, Role.ADMIN)"]}
    assert Membership.ADMIN_ROLES == (Membership.Role.OWNER, Membership.Role.ADMIN)
