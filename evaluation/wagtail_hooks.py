from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_ui import portal_display

from . import admin_views
from .models import CategoryScheme, Indicator

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.workflow, name="workflow"),
    ],
    "evaluation_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("evaluation/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(_("成果评价"), reverse("evaluation_admin:index"), icon_name="tasks", order=260)


@portal_display
class CategorySchemeViewSet(SnippetViewSet):
    model = CategoryScheme
    icon = "cogs"
    menu_label = _("分类权重")
    list_display = [
        "category",
        "weight_science",
        "weight_technology",
        "weight_economy",
        "weight_society",
        "weight_culture",
    ]


@portal_display
class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "list-ul"
    menu_label = _("评价指标")
    list_display = ["name", "dimension", "weight", "order", "active"]
    list_filter = ["dimension", "active"]


class EvaluationSchemeGroup(SnippetViewSetGroup):
    items = (CategorySchemeViewSet, IndicatorViewSet)
    menu_icon = "cogs"
    menu_label = _("五元评价方案")
    menu_name = "evaluation-scheme"
    menu_order = 265


register_snippet(EvaluationSchemeGroup)
