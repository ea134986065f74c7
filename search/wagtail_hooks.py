"""Wagtail admin: the search outbox backlog on the dashboard; match feedback for staff."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_ui import portal_display
from core.spreadsheets import SafeSpreadsheetExportMixin

from .models import IndexTask, MatchFeedback


class OutboxPanel(Component):
    name = "search_outbox"
    order = 500

    def render_html(self, parent_context=None):
        count = IndexTask.objects.count()
        failing = IndexTask.objects.filter(attempts__gt=0).count()
        if count:
            state = _("待同步 %(n)s 条，其中重试中 %(f)s 条") % {"n": count, "f": failing}
        else:
            state = _("索引已同步")
        return format_html(
            '<section class="panel summary"><h2>{}</h2><p>{}</p></section>', _("检索索引"), state
        )


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request, panels):
    if request.user.is_staff:
        panels.append(OutboxPanel())


class StaffReadOnlyPolicy(BasePermissionPolicy):
    """Feedback is the members' word: staff read it, nobody edits it in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_staff

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_staff=True)


register_permission_policy(MatchFeedback, StaffReadOnlyPolicy(MatchFeedback))


class MatchFeedbackIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


@portal_display
class MatchFeedbackViewSet(ModelViewSet):
    index_view_class = MatchFeedbackIndexView
    model = MatchFeedback
    name = "match_feedback"
    url_prefix = "search/match-feedback"
    icon = "tick-inverse"
    menu_label = gettext_lazy("匹配反馈")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["need", "achievement", "verdict", "reason", "note", "organization", "user"]
    list_display += ["created_at"]
    list_filter = ["verdict", "reason", "created_at"]
    list_export = [*list_display]
    search_fields = ["note", "need__title", "achievement__title", "organization__name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    # Never editable (see the policy); Wagtail still needs a form definition.
    form_fields = ["verdict"]


@hooks.register("register_admin_viewset")
def register_match_feedback_viewset():
    return MatchFeedbackViewSet()
