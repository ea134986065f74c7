from django.urls import path

from .views import annex, dashboard, inquiries, listings, transfer
from .views.kinds import ACHIEVEMENT, NEED

app_name = "marketplace"
urlpatterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/inquiries/", inquiries.inquiry_list, name="inquiries"),
    path("dashboard/inquiries/<int:pk>/status/", inquiries.inquiry_status, name="inquiry_status"),
    path("inquiries/<int:pk>/", inquiries.inquiry_thread, name="inquiry"),
    path("inquiries/<int:pk>/reply/", inquiries.inquiry_reply, name="inquiry_reply"),
    path("dashboard/import/", transfer.import_listings_view, name="import"),
    path("dashboard/export.xlsx", transfer.export_listings_view, name="export"),
    path("achievements/<int:pk>/annex/", annex.manage, name="annex_manage"),
    path("achievements/<int:pk>/annex/request/", annex.request_access, name="annex_request"),
    path("achievements/<int:pk>/annex/download/", annex.download, name="annex_download"),
    path("annex-requests/<int:request_pk>/decide/", annex.decide, name="annex_decide"),
    path("attachments/<int:pk>/", listings.attachment, name="attachment"),
]

for kind, prefix in ((ACHIEVEMENT, "achievements"), (NEED, "needs")):
    urlpatterns += [
        path(f"{prefix}/", listings.browse, {"kind": kind}, name=f"{kind.slug}_list"),
        path(f"{prefix}/new/", listings.edit, {"kind": kind}, name=f"{kind.slug}_create"),
        path(
            f"{prefix}/quality-check/",
            listings.quality_check,
            {"kind": kind},
            name=f"{kind.slug}_quality",
        ),
        path(f"{prefix}/<int:pk>/", listings.detail, {"kind": kind}, name=f"{kind.slug}_detail"),
        path(f"{prefix}/<int:pk>/edit/", listings.edit, {"kind": kind}, name=f"{kind.slug}_edit"),
        path(f"{prefix}/<int:pk>/seen/", listings.seen, {"kind": kind}, name=f"{kind.slug}_seen"),
        path(
            f"{prefix}/<int:pk>/<slug:verb>/",
            listings.action,
            {"kind": kind},
            name=f"{kind.slug}_action",
        ),
    ]
