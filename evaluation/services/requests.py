"""Requesting an evaluation: the owner's consent, the fee (paid or waived), cancellation."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Organization
from accounts.rules import is_org_admin, is_org_member, is_staff
from accounts.selectors import active_staff
from marketplace.models import Achievement
from notifications.services import notify_each_after_commit
from payments import selectors as payment_selectors
from payments import services as payment_services
from payments.models import Payment, Price, Purpose

from ..errors import EvaluationError
from ..models import OPEN_STATUSES, Category, EvaluationRequest, Status
from .common import lock, move, owner_admins, requesters, require_staff

S = Status
PRODUCT_SLUG = "achievement-evaluation"
# An unpaid Checkout attempt younger than this is reused rather than opening a second one.
REUSE_OPEN_ATTEMPT_FOR = timedelta(hours=12)


def default_price() -> Price | None:
    """The first price of the 成果评价 product staff keep in the payments catalogue."""
    return (
        Price.objects.select_related("product")
        .filter(active=True, product__slug=PRODUCT_SLUG, product__active=True)
        .order_by("sort_order", "pk")
        .first()
    )


def _enterprise_of(user) -> Organization | None:
    membership = (
        Membership.objects.filter(
            user=user, organization__verification_status=Organization.Verification.VERIFIED
        )
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    return membership.organization if membership else None


@transaction.atomic
def request_evaluation(
    *,
    achievement: Achievement,
    by,
    category: str,
    purpose: str = "",
    price: Price | None = None,
) -> EvaluationRequest:
    """The owner asks directly; another verified organization asks and waits for consent."""
    if category not in Category.values:
        raise EvaluationError(_("请选择成果类别。"))
    if price is not None and not (price.active and price.product.slug == PRODUCT_SLUG):
        raise EvaluationError(_("请选择有效的评价服务规格。"))
    by_owner = is_org_member(by, achievement)
    organization = achievement.organization if by_owner else _enterprise_of(by)
    if organization is None:
        raise EvaluationError(_("只有成果所属机构或已认证机构的成员可以申请成果评价。"))
    if not by_owner and not achievement.is_published:
        raise EvaluationError(_("只能对已发布的成果申请评价。"))
    if EvaluationRequest.objects.filter(
        achievement=achievement, requester_organization=organization, status__in=OPEN_STATUSES
    ).exists():
        raise EvaluationError(_("该成果已有进行中的评价申请。"))
    now = timezone.now()
    evaluation = EvaluationRequest.objects.create(
        achievement=achievement,
        category=category,
        requested_by=by,
        requester_organization=organization,
        purpose=purpose.strip()[:200],
        price=price or default_price(),
        status=S.AWAITING_PAYMENT if by_owner else S.AWAITING_CONSENT,
        consented_by=by if by_owner else None,
        consented_at=now if by_owner else None,
    )
    evaluation.log_action(
        "evaluation.requested",
        by=by,
        data={"field": "status", "to": evaluation.status, "note": evaluation.purpose},
    )
    title = achievement.title
    url = evaluation.get_absolute_url()
    if by_owner:
        users, event = active_staff(), "evaluation_requested"
        message = gettext_lazy("「%(t)s」申请成果评价")
    else:
        users, event = owner_admins(evaluation), "evaluation_consent_needed"
        message = gettext_lazy("%(org)s 申请评价贵单位的成果「%(t)s」，请确认是否同意")
    notify_each_after_commit(
        users=users,
        event=event,
        title=message,
        params={"org": organization.name if organization else "", "t": title},
        url=url,
        obj=evaluation,
    )
    return evaluation


@transaction.atomic
def consent_to_evaluation(
    *, evaluation: EvaluationRequest, by, approve: bool, reason: str = ""
) -> EvaluationRequest:
    lock(evaluation)
    if not is_org_admin(by, evaluation.achievement):
        raise EvaluationError(_("只有成果所属机构的管理员可以答复评价申请。"))
    if approve:
        move(evaluation, "consent", action_label=_("同意评价"), actor=by, by=by, at=timezone.now())
        title = gettext_lazy("成果方已同意评价「%(t)s」，请支付评价费用")
    else:
        reason = (reason or "").strip() or _("成果方暂不同意开展评价。")
        move(
            evaluation, "decline", action_label=_("拒绝评价"), actor=by, note=reason, reason=reason
        )
        title = gettext_lazy("成果方未同意评价「%(t)s」")
    users = requesters(evaluation)
    notify_each_after_commit(
        users=users,
        event="evaluation_consent_decided",
        title=title,
        params={"t": evaluation.achievement},
        body=evaluation.closing_reason,
        url=evaluation.get_absolute_url(),
        obj=evaluation,
    )
    return evaluation


def can_pay(user, evaluation: EvaluationRequest) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == evaluation.requested_by_id:
        return True
    org = evaluation.requester_organization or evaluation.achievement.organization
    return is_org_admin(user, org)


def start_evaluation_checkout(*, evaluation: EvaluationRequest, by, site_url: str) -> str:
    """Open (or reuse) the fee's payment, linked to the evaluation, and return Checkout's URL."""
    if not can_pay(by, evaluation):
        raise EvaluationError(_("只有申请人或申请机构的管理员可以支付评价费用。"))
    if settle_payment(evaluation=evaluation):
        raise EvaluationError(_("评价费用已经支付。"))
    if evaluation.status != S.AWAITING_PAYMENT:
        raise EvaluationError(_("当前无需支付评价费用。"))
    price = evaluation.price
    if price is None:
        raise EvaluationError(_("评价服务暂未定价，请联系平台工作人员。"))
    since = timezone.now() - REUSE_OPEN_ATTEMPT_FOR
    attempt = (
        payment_selectors.payments_about(evaluation)
        .filter(
            purpose=Purpose.PRODUCT,
            amount_fen=price.amount_fen,
            status__in=Payment.OPEN_STATUSES,
            created_at__gte=since,
        )
        .first()
    )
    payment = attempt or payment_services.open_payment(
        purpose=Purpose.PRODUCT,
        description=_("%(product)s：%(t)s")
        % {"product": price.product.name, "t": evaluation.achievement},
        amount_fen=price.amount_fen,
        by=by,
        organization=evaluation.requester_organization,
        related=evaluation,
        price=price,
    )
    return payment_services.start_checkout(payment=payment, site_url=site_url)


@transaction.atomic
def settle_payment(*, evaluation: EvaluationRequest) -> bool:
    """Accept the request once the ledger shows its fee paid. The ledger is the truth: this runs
    when the payer comes back, when staff open the workbench, and from the periodic command."""
    if evaluation.status != S.AWAITING_PAYMENT:
        return False
    paid = (
        payment_selectors.payments_about(evaluation)
        .filter(status__in=Payment.PAID_STATUSES)
        .exists()
    )
    if not paid:
        return False
    lock(evaluation)
    if evaluation.status != S.AWAITING_PAYMENT:
        return False
    _accept(evaluation, by=None, note=_("评价费用已支付"))
    return True


@transaction.atomic
def waive_fee(*, evaluation: EvaluationRequest, by, reason: str) -> EvaluationRequest:
    """The center sponsors the evaluation (中心资助): no payment, straight to acceptance."""
    require_staff(by)
    lock(evaluation)
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationError(_("请填写免费原因。"))
    if evaluation.status != S.AWAITING_PAYMENT:
        raise EvaluationError(_("只有待支付的评价可以免费受理。"))
    evaluation.fee_waived, evaluation.waiver_reason = True, reason[:200]
    _accept(evaluation, by=by, note=_("中心资助，免收评价费用"))
    return evaluation


def _accept(evaluation: EvaluationRequest, *, by, note: str) -> None:
    move(evaluation, "accept", action_label=_("受理"), actor=by, note=note, at=timezone.now())
    users = [*requesters(evaluation), *active_staff()]
    notify_each_after_commit(
        users=users,
        event="evaluation_accepted",
        title=gettext_lazy("成果评价「%(t)s」已受理"),
        params={"t": evaluation.achievement},
        body=note,
        url=evaluation.get_absolute_url(),
        obj=evaluation,
    )


@transaction.atomic
def cancel_evaluation(*, evaluation: EvaluationRequest, by, reason: str) -> EvaluationRequest:
    lock(evaluation)
    if not (is_staff(by) or can_pay(by, evaluation)):
        raise EvaluationError(_("只有申请人或平台工作人员可以取消评价申请。"))
    if not is_staff(by) and evaluation.status == S.ACCEPTED:
        # A fee may have been paid by then; staff cancel and settle any refund.
        raise EvaluationError(_("评价已受理，如需取消请联系平台工作人员。"))
    reason = (reason or "").strip() or _("申请人撤回")
    move(evaluation, "cancel", action_label=_("取消"), actor=by, note=reason, reason=reason[:300])
    # A fee already paid goes back, even one whose payment had not yet accepted the request.
    payment_services.refund_held_payments(
        target=evaluation,
        purpose=Purpose.PRODUCT,
        by=by,
        reason=_("评价申请取消，退还评价费用：%(r)s") % {"r": reason},
    )
    return evaluation
