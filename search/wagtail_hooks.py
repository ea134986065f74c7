"""Wagtail admin: the search outbox backlog on the dashboard."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import IndexTask


class OutboxPanel:
    name = "search_outbox"
    order = 500

    def __init__(self, request=None):
        self.request = request

    @property
    def media(self):
        from django.forms import Media

        return Media()

    def render_html(self, parent_context=None):
        count = IndexTask.objects.count()
        failing = IndexTask.objects.filter(attempts__gt=0).count()
        state = _("索引已同步") if not count else _("待同步 %(n)s 条，其中重试中 %(f)s 条")
        return format_html(
            '<section class="panel"><h2>{}</h2><p>{}</p></section>',
            _("检索索引"),
            state % {"n": count, "f": failing} if count else state,
        )

    def render(self):
        return self.render_html()


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request, panels):
    if request.user.is_staff:
        panels.append(OutboxPanel(request))
