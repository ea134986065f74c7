"""Staff actions in the Wagtail admin: record a bank transfer, refund a deposit, run a
reconciliation, resolve a mismatch."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.authorization import authorize
from core.files import serve_private
from core.money import format_fen, yuan_to_fen

from . import selectors, services
from .errors import PaymentError
from .models import Mismatch, Payment
from .registry import deposit_target
from .services.offline import validate_receipt
from .stripe_api import StripeNotConfigured


class RefundForm(forms.Form):
    amount_yuan = forms.DecimalField(
        label=gettext_lazy("退款金额（元）"),
        max_digits=14,
        decimal_places=2,
        min_value=0.01,
        required=False,
        help_text=gettext_lazy("留空则退还全部可退余额"),
    )
    reason = forms.CharField(
        label=gettext_lazy("退款原因"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=gettext_lazy("榜单在揭榜前撤销，保证金原路退回"),
    )


class RefundDepositView(WagtailAdminTemplateMixin, FormView):
    template_name = "payments/admin/form.html"
    form_class = RefundForm
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        authorize(request, "payments.add_refund")
        self.payment = get_object_or_404(Payment, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("退还保证金")

    def get_page_subtitle(self):
        return self.payment.number

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _("可退余额：¥%(amount)s（%(description)s）") % {
            "amount": format_fen(selectors.available_fen(self.payment)),
            "description": self.payment.description,
        }
        context["submit_label"] = _("确认退款")
        return context

    def form_valid(self, form):
        amount = form.cleaned_data["amount_yuan"]
        try:
            refund = services.refund_deposit(
                payment=self.payment,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                amount_fen=None if amount is None else int(amount * 100),
            )
        except (PaymentError, StripeNotConfigured) as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("已发起退款 ¥%(amount)s，状态：%(status)s")
            % {"amount": format_fen(refund.amount_fen), "status": refund.get_status_display()},
        )
        return redirect(reverse("payments_payment:inspect", args=[self.payment.pk]))


class ReconcileView(WagtailAdminTemplateMixin, FormView):
    template_name = "payments/admin/form.html"
    form_class = forms.Form
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        authorize(request, "payments.add_reconciliationrun")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("立即对账")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "逐笔查询 Stripe 上的结账会话和退款，并列出 Stripe 近期的全部收款，与本平台账面"
            "双向比对，差异记入“对账差异”。"
        )
        context["submit_label"] = _("开始对账")
        return context

    def form_valid(self, form):
        try:
            run = services.reconcile_payments(by=self.request.user)
        except StripeNotConfigured as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("对账完成：核对 %(checked)d 笔，差异 %(count)d 笔。")
            % {"checked": run.checked, "count": run.mismatch_count},
        )
        return redirect(reverse("payments_mismatch:index") + f"?run={run.pk}")


class ResolveMismatchForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("处理说明"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("写明核实结果和处理方式，例如：已补录支付记录、已原路退款。"),
    )


class ResolveMismatchView(WagtailAdminTemplateMixin, FormView):
    template_name = "payments/admin/form.html"
    form_class = ResolveMismatchForm
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        authorize(request, "payments.change_mismatch")
        self.mismatch = get_object_or_404(Mismatch, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("处理对账差异")

    def get_page_subtitle(self):
        return str(self.mismatch)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = str(self.mismatch)
        context["submit_label"] = _("标记为已处理")
        return context

    def form_valid(self, form):
        try:
            services.resolve_mismatch(
                mismatch=self.mismatch, by=self.request.user, note=form.cleaned_data["note"]
            )
        except PaymentError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("对账差异已标记为已处理。"))
        return redirect(reverse("payments_mismatch:index"))


class BankTransferForm(forms.Form):
    challenge = forms.ModelChoiceField(
        label=gettext_lazy("揭榜保证金：榜单"),
        queryset=Payment.objects.none(),  # the deposit target's objects, set in __init__
        required=False,
        help_text=gettext_lazy("付款识别码 BZJ 开头的，选择对应榜单"),
    )
    bill_number = forms.CharField(
        label=gettext_lazy("或待付账单号"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("付款识别码为账单号的（如平台服务费）"),
    )
    amount_yuan = forms.DecimalField(
        label=gettext_lazy("到账金额（元）"), max_digits=14, decimal_places=2, min_value=0.01
    )
    payer_name = forms.CharField(label=gettext_lazy("付款户名"), max_length=100)
    reference = forms.CharField(label=gettext_lazy("银行流水号"), max_length=64)
    paid_on = forms.DateField(
        label=gettext_lazy("到账日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    receipt = forms.FileField(
        label=gettext_lazy("银行回单扫描件"),
        validators=[validate_receipt],
        help_text=gettext_lazy("PDF、PNG 或 JPG，不超过 10 MB"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = deposit_target().objects.order_by("-pk")

    def clean(self):
        data = super().clean()
        number = (data.get("bill_number") or "").strip()
        data["bill"] = Payment.objects.filter(number=number).first() if number else None
        if number and data["bill"] is None:
            self.add_error("bill_number", _("没有这个账单号。"))
        if bool(data.get("challenge")) == bool(number):
            raise forms.ValidationError(_("请选择一个榜单，或填写一个账单号（二选一）。"))
        return data


class RecordBankTransferView(WagtailAdminTemplateMixin, FormView):
    template_name = "payments/admin/form.html"
    form_class = BankTransferForm
    header_icon = "plus"

    def dispatch(self, request, *args, **kwargs):
        authorize(request, "payments.add_payment")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def get_page_title(self):
        return _("登记对公转账")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _(
            "按银行对账单登记到账的对公转账。登记后与在线支付同样生效（例如保证金缴足后榜单即可发布），"
            "并记入审计日志。"
        )
        context["submit_label"] = _("登记入账")
        context["multipart"] = True
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            payment = services.record_bank_transfer(
                by=self.request.user,
                amount_fen=yuan_to_fen(data["amount_yuan"]),
                payer_name=data["payer_name"],
                reference=data["reference"],
                paid_on=data["paid_on"],
                receipt=data["receipt"],
                challenge=data.get("challenge"),
                bill=data.get("bill"),
            )
        except PaymentError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("已登记对公转账 %(number)s，¥%(amount)s。")
            % {"number": payment.number, "amount": format_fen(payment.amount_fen)},
        )
        return redirect(reverse("payments_payment:inspect", args=[payment.pk]))


def receipt_scan(request, pk: int):
    authorize(request, "payments.view_payment")
    payment = get_object_or_404(Payment, pk=pk)
    if not payment.offline_receipt:
        raise Http404
    return serve_private(payment.offline_receipt, filename=payment.offline_receipt_name)
