"""Wagtail admin: the search outbox backlog on the dashboard."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import IndexTask


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
