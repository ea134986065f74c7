"""User-facing payment pages: pay a deposit or a service, see receipts. Money moves only via
services; the return page from Checkout only reads the ledger."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.authorization import authorize
from accounts.models import Membership
from core.money import yuan_to_fen

from . import selectors, services
from .errors import PaymentError
from .models import Payment, Product, Purpose
from .registry import deposit_target
from .rules import can_view_payment, pays_deposit
from .stripe_api import StripeNotConfigured, is_configured


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _to_checkout(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # the POST is done; the browser GETs Stripe's page
    return response


@login_required
def receipts(request: HttpRequest) -> HttpResponse:
    payments = selectors.payments_for_user(request.user)
    return render(request, "payments/receipts.html", {"payments": payments})


def _payment(request: HttpRequest, number: str) -> Payment:
    """A receipt by its number; to anyone but its payer and their organization's managers, it
    is not there (404)."""
    payment = get_object_or_404(
        Payment.objects.select_related(
            "payer", "payer_organization", "price__product"
        ).prefetch_related("refunds", "payouts__payee"),
        number=number,
    )
    authorize(request, can_view_payment, payment, missing="404")
    return payment


@login_required
def receipt(request: HttpRequest, number: str) -> HttpResponse:
    payment = _payment(request, number)
    context = {"payment": payment, "stripe_ready": is_configured()}
    return render(request, "payments/receipt.html", context)


@login_required
def checkout_return(request: HttpRequest, number: str) -> HttpResponse:
    """Where Checkout sends the payer back. It shows what the ledger says and changes nothing."""
    payment = _payment(request, number)
    context = {
        "payment": payment,
        "cancelled": request.GET.get("cancelled") == "1",
        "waiting": payment.is_open and request.GET.get("cancelled") != "1",
    }
    return render(request, "payments/return.html", context)


def products(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "payments/products.html",
        {"products": selectors.products_on_sale(), "stripe_ready": is_configured()},
    )


@require_http_methods(["GET", "POST"])
def product(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Product.objects.prefetch_related("prices"), slug=slug, active=True)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        price = selectors.price_on_sale(product_slug=slug, price_id=_int(request.POST.get("price")))
        if price is None:
            messages.error(request, _("请选择一个有效的服务规格。"))
            return redirect(request.path)
        membership = Membership.objects.filter(user=request.user).first()
        try:
            url = services.start_product_checkout(
                price=price,
                by=request.user,
                organization=membership.organization if membership else None,
                site_url=_site_url(request),
            )
        except (PaymentError, StripeNotConfigured) as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        return _to_checkout(url)
    prices = [p for p in item.prices.all() if p.active]
    return render(
        request,
        "payments/product.html",
        {"product": item, "prices": prices, "stripe_ready": is_configured()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_deposit(request: HttpRequest, pk: int) -> HttpResponse:
    """揭榜保证金 of a 揭榜挂帅 challenge, for members of the organization that posted it."""
    challenge = get_object_or_404(deposit_target().objects.select_related("organization"), pk=pk)
    authorize(request, pays_deposit, challenge)
    if request.method == "POST":
        try:
            url = services.start_deposit_checkout(
                challenge=challenge, by=request.user, site_url=_site_url(request)
            )
        except (PaymentError, StripeNotConfigured) as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        return _to_checkout(url)
    deposit = selectors.deposit_for(challenge)
    context = {
        "challenge": challenge,
        "deposit": deposit,
        "deposits": selectors.payments_about(challenge).filter(purpose=Purpose.DEPOSIT),
        "amount_fen": selectors.deposit_amount_fen(challenge),
        "due_fen": selectors.deposit_due_fen(challenge),
        "paid_fen": selectors.deposit_paid_fen(challenge),
        "bounty_fen": yuan_to_fen(challenge.bounty_cny or 0),
        "share_percent": _percent(selectors.deposit_share()),
        "stripe_ready": is_configured(),
        "reference": selectors.transfer_reference(challenge),
        "paid": selectors.deposit_is_paid(challenge),
        "payable": selectors.deposit_payable(challenge),
        "Status": Payment.Status,
    }
    return render(request, "payments/deposit.html", context)


@login_required
@require_http_methods(["POST"])
def pay(request: HttpRequest, number: str) -> HttpResponse:
    """Pay a bill opened for the user, e.g. the 平台服务费 of a registered contract."""
    payment = _payment(request, number)
    try:
        url = services.start_payment_checkout(
            payment=payment, by=request.user, site_url=_site_url(request)
        )
    except (PaymentError, StripeNotConfigured) as exc:
        messages.error(request, str(exc))
        return redirect("payments:receipt", number=number)
    return _to_checkout(url)


def _percent(share) -> str:
    return f"{share * 100:.0f}"


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
