"""Pages of owners and requesters: request, consent, pay, follow, read the report, badge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.authorization import authorize
from accounts.rules import is_expert
from marketplace.models import Achievement
from marketplace.models import Status as ListingStatus
from payments.errors import PaymentError
from payments.models import Price
from payments.stripe_api import StripeNotConfigured

from .. import pdf, selectors, services
from ..errors import EvaluationError
from ..models import Category, CategoryScheme, EvaluationRequest, Status
from ..radar import radar_svg
from .common import run


def _schemes() -> list[CategoryScheme]:
    order = list(Category.values)
    return sorted(CategoryScheme.objects.all(), key=lambda s: order.index(s.category))


def home(request):
    """成果评价: what the service is, and the visitor's own requests and review tasks."""
    user = request.user
    context = {
        "schemes": _schemes(),
        "price": services.default_price(),
        "requests": selectors.requests_for_user(user) if user.is_authenticated else [],
        "is_expert": is_expert(user),
        "assignments": selectors.assignments_for_expert(user)[:5] if user.is_authenticated else [],
    }
    return render(request, "evaluation/home.html", context)


@login_required
def request_form(request, achievement_pk: int):
    achievement = get_object_or_404(
        Achievement.objects.select_related("organization"), pk=achievement_pk
    )
    # An unpublished achievement of another organization is not there for them.
    authorize(request, "marketplace.view_listing", achievement, missing="404")
    prices = Price.objects.filter(
        active=True, product__slug=services.requests.PRODUCT_SLUG, product__active=True
    ).select_related("product")
    if request.method == "POST":
        price = prices.filter(pk=request.POST.get("price") or 0).first()
        try:
            evaluation = services.request_evaluation(
                achievement=achievement,
                by=request.user,
                category=request.POST.get("category", ""),
                purpose=request.POST.get("purpose", ""),
                price=price,
            )
        except EvaluationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("评价申请已提交。"))
            return redirect(evaluation)
    context = {
        "achievement": achievement,
        "schemes": _schemes(),
        "categories": Category.choices,
        "prices": prices,
        "selected": request.POST.get("category", ""),
    }
    return render(request, "evaluation/request_form.html", context)


def _visible(request, pk: int) -> EvaluationRequest:
    evaluation = get_object_or_404(
        EvaluationRequest.objects.select_related(
            "achievement__organization", "requester_organization", "price__product"
        ),
        pk=pk,
    )
    authorize(request, "evaluation.view_report", evaluation, missing="404")
    return evaluation


def report_context(evaluation: EvaluationRequest, *, reveal: bool) -> dict:
    dims = selectors.dimension_rows(evaluation)
    return {
        "dimensions": dims,
        "radar": radar_svg(
            [(str(r["label"]), r["score"]) for r in dims], label=_("五元价值雷达图")
        ),
        "indicators": selectors.indicator_rows(evaluation),
        "comments": selectors.expert_comments(evaluation, reveal=reveal),
    }


@login_required
def detail(request, pk: int):
    evaluation = _visible(request, pk)
    services.settle_payment(evaluation=evaluation)
    user = request.user
    context = {
        "evaluation": evaluation,
        "S": Status,
        "can_consent": user.has_perm("evaluation.consent", evaluation),
        "can_badge": user.has_perm("evaluation.publish_badge", evaluation),
        "can_pay": services.can_pay(user, evaluation),
        "experts_count": services.active_assignments(evaluation).count(),
        "submitted_count": services.active_assignments(evaluation)
        .exclude(submitted_at=None)
        .count(),
    }
    if evaluation.is_completed:
        context.update(report_context(evaluation, reveal=False))
    return render(request, "evaluation/detail.html", context)


@require_POST
@login_required
def consent(request, pk: int):
    evaluation = _visible(request, pk)
    approve = request.POST.get("decision") == "approve"
    return run(
        request,
        lambda: services.consent_to_evaluation(
            evaluation=evaluation,
            by=request.user,
            approve=approve,
            reason=request.POST.get("reason", ""),
        ),
        success=_("已同意评价申请。") if approve else _("已拒绝评价申请。"),
        to=evaluation,
    )


@require_POST
@login_required
def pay(request, pk: int):
    evaluation = _visible(request, pk)
    try:
        url = services.start_evaluation_checkout(
            evaluation=evaluation,
            by=request.user,
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except (EvaluationError, PaymentError, StripeNotConfigured) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
        return redirect(evaluation)
    response = HttpResponseRedirect(url)
    response.status_code = 303  # the POST is done; the browser GETs Stripe's page
    return response


@require_POST
@login_required
def cancel(request, pk: int):
    evaluation = _visible(request, pk)
    return run(
        request,
        lambda: services.cancel_evaluation(
            evaluation=evaluation, by=request.user, reason=request.POST.get("reason", "")
        ),
        success=_("评价申请已取消；如已支付评价费用，将原路退回。"),
        to=evaluation,
    )


@require_POST
@login_required
def badge(request, pk: int):
    evaluation = _visible(request, pk)
    public = request.POST.get("public") == "1"
    return run(
        request,
        lambda: services.set_badge(evaluation=evaluation, by=request.user, public=public),
        success=_("已在成果页面公开评价标识。") if public else _("已取消公开评价标识。"),
        to=evaluation,
    )


@login_required
def report_pdf(request, pk: int):
    evaluation = _visible(request, pk)
    if not evaluation.is_completed:
        raise Http404
    content = pdf.evaluation_report_pdf(
        evaluation, verify_url=request.build_absolute_uri(reverse("evaluation:verify"))
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"evaluation-{evaluation.verification_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def public_report(request, pk: int):
    """What the owner chose to publish: scores and radar, never the experts' comments."""
    evaluation = get_object_or_404(
        EvaluationRequest.objects.select_related("achievement__organization"),
        pk=pk,
        status=Status.COMPLETED,
        badge_public=True,
        # A badge outlives nothing: once the achievement is withdrawn its report goes too.
        achievement__status=ListingStatus.PUBLISHED,
    )
    dims = selectors.dimension_rows(evaluation)
    context = {
        "evaluation": evaluation,
        "dimensions": dims,
        "radar": radar_svg(
            [(str(r["label"]), r["score"]) for r in dims], label=_("五元价值雷达图")
        ),
    }
    return render(request, "evaluation/public_report.html", context)


def verify(request):
    code = request.GET.get("code", "").strip()
    evaluation = selectors.verify(code) if code else None
    return render(
        request,
        "evaluation/verify.html",
        {"code": code, "evaluation": evaluation, "checked": bool(code)},
    )
