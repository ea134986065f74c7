from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("brokerage/", admin_views.dashboard, name="brokerage_dashboard"),
        path("brokerage/export.xlsx", admin_views.export_xlsx, name="brokerage_export"),
        path("brokerage/training/", admin_views.add_training, name="brokerage_training"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(_("技术经纪统计"), reverse("brokerage_dashboard"), icon_name="table", order=350)
