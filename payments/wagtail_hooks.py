"""Staff views of the ledger in the Wagtail admin, grouped under one "支付结算" menu."""

from django.urls import path, reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_ui import PortalColumn, portal_display
from core.money import format_fen
from core.spreadsheets import SafeSpreadsheetExportMixin

from . import admin_views, selectors
from .models import (
    Mismatch,
    Payment,
    Payout,
    Product,
    ReconciliationRun,
    Refund,
    StripeEvent,
)


class LedgerPermissionPolicy(ModelPermissionPolicy):
    """Ledger rows change only through services and Stripe events, never through an edit form."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for ledger_model in (Payment, Refund, Payout, StripeEvent, ReconciliationRun, Mismatch):
    register_permission_policy(ledger_model, LedgerPermissionPolicy(ledger_model))


class YuanColumn(Column):
    def get_value(self, instance):
        return f"¥{format_fen(super().get_value(instance))}"


class LedgerViewSet(ModelViewSet):
    """Read-only: the policy above hides add/edit/delete; a form class is still required."""

    exclude_form_fields: list[str] = []
    inspect_view_enabled = True
    copy_view_enabled = False


class PaymentInspectView(InspectView):
    @property
    def header_buttons(self):
        payment = self.object
        can_refund = (
            payment.purpose == "deposit"
            and payment.is_paid
            and selectors.available_fen(payment) > 0
            and self.request.user.has_perm("payments.add_refund")
        )
        buttons = []
        if payment.offline_receipt:
            url = reverse("payments_admin_receipt_scan", args=[payment.pk])
            buttons.append(HeaderButton(_("下载银行回单"), url=url, icon_name="download"))
        if can_refund:
            url = reverse("payments_admin_refund", args=[payment.pk])
            buttons.append(HeaderButton(_("退还保证金"), url=url, icon_name="resubmit"))
        return buttons


class PaymentIndexView(SafeSpreadsheetExportMixin, IndexView):
    @property
    def header_buttons(self):
        if not self.request.user.has_perm("payments.add_payment"):
            return []
        url = reverse("payments_admin_record_transfer")
        return [HeaderButton(_("登记对公转账"), url=url, icon_name="plus")]


@portal_display
class PaymentViewSet(LedgerViewSet):
    model = Payment
    icon = "list-ul"
    menu_label = _("支付记录")
    exclude_form_fields = ["checkout_url", "offline_receipt"]
    inspect_view_class = PaymentInspectView
    index_view_class = PaymentIndexView
    list_display = [
        "number",
        "description",
        YuanColumn("amount_fen", label=_("金额")),
        "status",
        "purpose",
        "payer_organization",
        "created_at",
    ]
    list_filter = ["status", "purpose", "channel", "created_at"]
    list_export = [
        "number",
        "purpose",
        "description",
        "amount_fen",
        "amount_refunded_fen",
        "currency",
        "status",
        "channel",
        "payer",
        "payer_organization",
        "stripe_checkout_session_id",
        "stripe_payment_intent_id",
        "created_at",
        "paid_at",
    ]
    search_fields = [
        "number",
        "description",
        "payer__email",
        "stripe_checkout_session_id",
        "stripe_payment_intent_id",
    ]


@portal_display
class RefundViewSet(LedgerViewSet):
    model = Refund
    icon = "resubmit"
    menu_label = _("退款记录")
    list_display = [
        "payment",
        YuanColumn("amount_fen", label=_("退款金额")),
        "status",
        "reason",
        "stripe_refund_id",
        "created_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["payment__number", "stripe_refund_id", "reason"]


@portal_display
class PayoutViewSet(LedgerViewSet):
    model = Payout
    icon = "success"
    menu_label = _("榜金拨付")
    list_display = [
        "__str__",
        YuanColumn("amount_fen", label=_("拨付金额")),
        "source",
        "status",
        "payment",
        "bank_reference",
        "paid_at",
    ]
    list_filter = ["status", "source", "created_at"]
    search_fields = ["milestone", "payee_name", "payee__name", "bank_reference"]


class RunIndexView(IndexView):
    @property
    def header_buttons(self):
        if not self.request.user.has_perm("payments.add_reconciliationrun"):
            return []
        url = reverse("payments_admin_reconcile")
        return [HeaderButton(_("立即对账"), url=url, icon_name="rotate")]


@portal_display
class ReconciliationRunViewSet(LedgerViewSet):
    model = ReconciliationRun
    icon = "table"
    menu_label = _("对账批次")
    index_view_class = RunIndexView
    list_display = ["__str__", "checked", "mismatch_count", "by", "finished_at"]
    list_filter = ["started_at"]


def resolve_link(mismatch: Mismatch):
    if mismatch.resolved_at:
        return format_html(
            "{} · {}",
            date_format(localtime(mismatch.resolved_at), "Y-m-d H:i"),
            mismatch.resolution_note[:40],
        )
    url = reverse("payments_admin_resolve_mismatch", args=[mismatch.pk])
    return format_html('<a class="button button-small" href="{}">{}</a>', url, _("处理"))


@portal_display
class MismatchViewSet(LedgerViewSet):
    model = Mismatch
    icon = "warning"
    menu_label = _("对账差异")
    list_display = [
        "kind",
        "payment",
        "refund",
        "stripe_id",
        PortalColumn("ours_display", label=_("本平台账面")),
        PortalColumn("theirs_display", label=_("Stripe 返回")),
        "run",
        Column("resolved_at", label=_("处理"), accessor=resolve_link),
    ]
    list_filter = ["kind", "run", "resolved_at"]
    search_fields = ["stripe_id", "payment__number"]


@portal_display
class StripeEventViewSet(LedgerViewSet):
    model = StripeEvent
    icon = "history"
    menu_label = _("Stripe 事件")
    list_display = ["event_id", "type", "outcome", "payment", "received_at"]
    list_filter = ["type", "received_at"]
    search_fields = ["event_id", "type", "outcome"]


@portal_display
class ProductViewSet(ModelViewSet):
    model = Product
    icon = "tag"
    menu_label = _("付费服务")
    list_display = ["name", "slug", "summary", "active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "summary"]


class PaymentsViewSetGroup(ViewSetGroup):
    menu_label = _("支付结算")
    menu_icon = "list-ul"
    menu_order = 400
    items = (
        PaymentViewSet("payments_payment"),
        RefundViewSet("payments_refund"),
        PayoutViewSet("payments_payout"),
        ReconciliationRunViewSet("payments_run"),
        MismatchViewSet("payments_mismatch"),
        StripeEventViewSet("payments_event"),
        ProductViewSet("payments_product"),
    )


@hooks.register("register_admin_viewset")
def register_payments_viewsets():
    return PaymentsViewSetGroup()


@hooks.register("register_admin_urls")
def register_payments_admin_urls():
    return [
        path(
            "payments/refund/<int:pk>/",
            admin_views.RefundDepositView.as_view(),
            name="payments_admin_refund",
        ),
        path(
            "payments/transfer/",
            admin_views.RecordBankTransferView.as_view(),
            name="payments_admin_record_transfer",
        ),
        path(
            "payments/<int:pk>/receipt-scan/",
            admin_views.receipt_scan,
            name="payments_admin_receipt_scan",
        ),
        path(
            "payments/mismatch/<int:pk>/resolve/",
            admin_views.ResolveMismatchView.as_view(),
            name="payments_admin_resolve_mismatch",
        ),
        path(
            "payments/reconcile/",
            admin_views.ReconcileView.as_view(),
            name="payments_admin_reconcile",
        ),
    ]
