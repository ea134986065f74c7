"""Moderation queue (发布审核) in the Wagtail admin: listing viewsets with filters, the quality
score column, bulk approve, a review page with reject-with-reason, and Excel export."""

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.authorization import authorize
from accounts.models import Organization
from core.admin_ui import PortalColumn, portal_display
from core.models import Industry
from core.spreadsheets import SafeSpreadsheetExportMixin

from . import services
from .models import Achievement, Need, Status, TransferMode
from .quality import WEAKNESSES

MODELS = {"achievement": Achievement, "need": Need}


class ModerationOnlyPolicy(ModelPermissionPolicy):
    """Listings change only through services (lifecycle, outbox, audit), never a raw admin form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy", "lock", "unlock"):
            return False
        return user.is_active and user.is_staff

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


for model in MODELS.values():
    register_permission_policy(model, ModerationOnlyPolicy(model))


class IndustryPolicy(ModelPermissionPolicy):
    """Staff rename and reorder the taxonomy; its codes are part of the import format, so the
    twelve industries are neither added nor deleted here and their codes stay fixed."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy", "lock", "unlock"):
            return False
        return user.is_active and user.is_staff

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Industry, IndustryPolicy(Industry))


class ListingFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices)
    industry = django_filters.ModelChoiceFilter(label=_("产业"), queryset=Industry.objects.all())
    org_kind = django_filters.ChoiceFilter(
        label=_("机构类型"), field_name="organization__kind", choices=Organization.Kind.choices
    )
    quality_below = django_filters.NumberFilter(
        label=_("质量评分低于"), field_name="quality_score", lookup_expr="lt"
    )


class AchievementFilterSet(ListingFilterSet):
    class Meta:
        model = Achievement
        fields = ["status", "industry", "maturity", "patent_type"]


class NeedFilterSet(ListingFilterSet):
    class Meta:
        model = Need
        fields = ["status", "industry"]


class ReviewColumn(Column):
    def get_value(self, instance):
        return _("审核") if instance.status == Status.PENDING else _("查看")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link"] = review_url(instance)
        return context

    cell_template_name = "marketplace/admin/link_cell.html"


def review_url(listing) -> str:
    kind = "achievement" if isinstance(listing, Achievement) else "need"
    return reverse("marketplace_review", args=[kind, listing.pk])


class ListingIndexView(SafeSpreadsheetExportMixin, SnippetIndexView):
    pass


class ListingInspectView(SnippetInspectView):
    """Codes stored in JSON lists, read by their labels."""

    def get_transfer_modes_display_value(self):
        labels = dict(TransferMode.choices)
        return [labels.get(code, code) for code in self.object.transfer_modes]

    def get_quality_issues_display_value(self):
        return [
            WEAKNESSES[code][1] if code in WEAKNESSES else code
            for code in self.object.quality_issues
        ]


class ListingViewSet(SnippetViewSet):
    index_view_class = ListingIndexView
    inspect_view_class = ListingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []
    list_per_page = 50
    ordering = ["-updated_at"]
    export_filename = "listings"

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=_("标题"), get_url=review_url),
            "organization",
            "industry",
            Column("status", label=_("状态"), accessor="get_status_display"),
            Column("quality_score", label=_("质量评分"), sort_key="quality_score"),
            PortalColumn("updated_at", label=_("更新时间"), sort_key="updated_at"),
            ReviewColumn("review", label=_("操作")),
        ]

    def get_queryset(self, request):
        return self.model.objects.select_related("organization", "industry")


@portal_display
class AchievementViewSet(ListingViewSet):
    model = Achievement
    icon = "doc-full"
    menu_label = _("科技成果")
    filterset_class = AchievementFilterSet
    list_export = [
        "external_id", "title", "organization", "industry", "patent_type", "patent_number",
        "maturity", "asking_price_cny", "status", "quality_score", "view_count", "published_at",
    ]  # fmt: skip
    export_filename = "achievements"


@portal_display
class NeedViewSet(ListingViewSet):
    model = Need
    icon = "help"
    menu_label = _("技术需求")
    filterset_class = NeedFilterSet
    list_export = [
        "external_id", "title", "organization", "industry", "budget_min_cny", "budget_max_cny",
        "deadline", "status", "quality_score", "published_at",
    ]  # fmt: skip
    export_filename = "needs"


@portal_display
class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    menu_label = _("产业分类")
    list_display = ["name", "code", "name_en", "order"]
    ordering = ["order", "code"]
    copy_view_enabled = False
    panels = [
        FieldPanel("code", read_only=True),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("order"),
    ]


class ModerationGroup(SnippetViewSetGroup):
    items = (AchievementViewSet, NeedViewSet, IndustryViewSet)
    menu_icon = "tasks"
    menu_label = _("发布审核")
    menu_name = "moderation"
    menu_order = 150


register_snippet(ModerationGroup)


class ApproveBulkAction(SnippetBulkAction):
    display_name = _("审核通过")
    action_type = "approve"
    aria_label = _("审核通过所选发布")
    template_name = "marketplace/admin/confirm_bulk_approve.html"
    action_priority = 10
    models = [Achievement, Need]

    def check_perm(self, obj):
        return self.request.user.has_perm("marketplace.moderate_listing")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        user = user or kwargs["self"].request.user
        approved = 0
        for listing in objects:
            if listing.status == Status.PENDING:
                services.approve_listing(listing=listing, by=user)
                approved += 1
        return approved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "已审核通过 %(n)d 条发布", "已审核通过 %(n)d 条发布", num_parent_objects
        ) % {"n": num_parent_objects}


hooks.register("register_bulk_action", ApproveBulkAction)


def review_view(request, kind: str, pk: int):
    authorize(request, "marketplace.moderate_listing")
    listing = get_object_or_404(MODELS[kind].objects.select_related("organization"), pk=pk)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "approve":
                services.approve_listing(listing=listing, by=request.user)
                messages.success(request, _("已审核通过：%(t)s") % {"t": listing.title})
            else:
                services.reject_listing(
                    listing=listing, by=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("已驳回：%(t)s") % {"t": listing.title})
        except services.ListingActionRefused as exc:
            messages.error(request, exc.message)
            return redirect(request.path)
        return redirect(reverse(f"wagtailsnippets_marketplace_{kind}:list") + "?status=pending")
    from . import quality
    from .selectors import listing_events

    return TemplateResponse(
        request,
        "marketplace/admin/review.html",
        {
            "listing": listing,
            "kind": kind,
            "quality_result": quality.evaluate(listing),
            "events": listing_events(listing)[:30],
            "public_url": services.common.detail_url(listing),
        },
    )


@hooks.register("register_admin_urls")
def register_review_url():
    return [path("marketplace/review/<str:kind>/<int:pk>/", review_view, name="marketplace_review")]
