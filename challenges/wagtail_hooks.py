from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.workflow, name="workflow"),
    ],
    "challenges_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("challenges/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("揭榜挂帅"),
        reverse("challenges_admin:index"),
        icon_name="pick",
        order=250,
    )
