"""The activity log in the Wagtail admin: staff read every app's trail with readable labels."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ActivityEntry


class StaffReadOnly(BasePermissionPolicy):
    """The log is written by services only: staff read it, nobody edits it here."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_staff

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_staff=True)


class ActivityEntryViewSet(ModelViewSet):
    model = ActivityEntry
    name = "core_activity"
    url_prefix = "activity-log"
    icon = "history"
    menu_label = _("操作记录")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "at",
        Column("label", label=_("操作")),
        "actor",
        Column("content_object", label=_("对象")),
        Column("to_state_label", label=_("新状态")),
        Column("note", label=_("说明")),
    ]
    list_filter = ["content_type"]
    search_fields = ["action"]
    search_backend_name = None
    inspect_view_enabled = True
    form_fields = ["action"]  # never editable (see the policy); Wagtail needs a form definition


register_permission_policy(ActivityEntry, StaffReadOnly(ActivityEntry))


@hooks.register("register_admin_viewset")
def register_viewset():
    return ActivityEntryViewSet()
