"""Staff tools in the Wagtail admin: verification review, experts, deletion requests, audit log."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_ui import portal_display

from . import admin_views
from .models import AccountDeletionRequest, AuditEvent, ExpertProfile


class StaffReadOnlyPolicy(BasePermissionPolicy):
    """The audit log can be read by staff and changed by nobody."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_staff

    def users_with_any_permission(self, actions):
        from .models import User

        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True, is_staff=True)


@portal_display
class AuditEventViewSet(ModelViewSet):
    model = AuditEvent
    name = "accounts_audit"
    url_prefix = "accounts/audit-log"
    icon = "list-ul"
    menu_label = _("安全审计日志")
    list_display = [
        "created_at",
        "kind",
        "actor_email",
        "target_user",
        "organization",
        "ip_address",
    ]
    list_filter = ["kind"]
    search_fields = ["actor_email", "path"]
    search_backend_name = None
    inspect_view_enabled = True
    # Never editable (see the policy); Wagtail still needs a form definition.
    form_fields = ["kind"]


register_permission_policy(AuditEvent, StaffReadOnlyPolicy(AuditEvent))


@portal_display
class ExpertProfileViewSet(ModelViewSet):
    model = ExpertProfile
    name = "accounts_experts"
    url_prefix = "accounts/experts"
    icon = "user"
    menu_label = _("评审专家库")
    # "__str__" is the expert's name and title; the user field has no Chinese verbose name.
    list_display = ["__str__", "affiliation", "expertise", "is_active"]
    list_filter = ["is_active"]
    panels = [
        FieldPanel("user", heading=_("专家账号")),
        FieldPanel("title"),
        FieldPanel("affiliation"),
        FieldPanel("fields"),
        FieldPanel("expertise"),
        FieldPanel("is_active"),
    ]


@portal_display
class DeletionRequestViewSet(ModelViewSet):
    model = AccountDeletionRequest
    name = "accounts_deletion_requests"
    url_prefix = "accounts/deletion-requests"
    icon = "warning"
    menu_label = _("注销申请")
    list_display = ["email", "user", "created_at", "erase_after", "status", "handled_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    # The state moves only through the user (request, withdraw) and the erasure job; staff read.
    form_fields = ["status"]


register_permission_policy(AccountDeletionRequest, StaffReadOnlyPolicy(AccountDeletionRequest))


class AccountsViewSetGroup(ViewSetGroup):
    menu_label = _("账户与机构")
    menu_icon = "group"
    menu_order = 250
    items = (AuditEventViewSet, ExpertProfileViewSet, DeletionRequestViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AccountsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("accounts/verification/", admin_views.review_queue, name="accounts_review_queue"),
        path(
            "accounts/verification/org/<int:pk>/",
            admin_views.review_organization,
            name="accounts_review_org",
        ),
        path(
            "accounts/verification/broker/<int:pk>/",
            admin_views.review_broker,
            name="accounts_review_broker",
        ),
    ]


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.review_verification")


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("认证审核"), reverse("accounts_review_queue"), icon_name="tick-inverse", order=240
    )
