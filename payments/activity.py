"""The payments' entries in the activity log (core.activity): each status change of a payment.

Payments move on Stripe's events, where a transition the graph forbids is no change rather than
a refusal, so they log through `log_status_change` instead of core.transitions."""

from django.utils.translation import gettext_lazy as _

from core.activity import log_action

LABELS = {
    "payment.await_payment": _("等待支付"),
    "payment.succeed": _("支付成功"),
    "payment.fail": _("支付失败"),
    "payment.expire": _("支付过期"),
    "payment.refund_partly": _("部分退款"),
    "payment.refund_fully": _("全额退款"),
}


def log_status_change(payment, name: str, *, before: str, by=None, note: str = ""):
    data = {"field": "status", "from": before, "to": payment.status, "note": note}
    return log_action(payment, f"payment.{name}", by=by, data=data)
