from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..authorization import authorize
from ..forms import BrokerProfileForm, DeletionRequestForm
from ..models import AccountDeletionRequest, BrokerProfile, Organization, SignupRole


def broker_profile(request, pk):
    profile = get_object_or_404(BrokerProfile.objects.select_related("user", "organization"), pk=pk)
    try:
        authorize(request, "accounts.view_brokerprofile", profile, missing="404")
    except Http404:
        # Uncertified profiles do not exist as far as the public is concerned.
        return render(request, "accounts/broker_unavailable.html", status=404)
    return render(request, "accounts/broker_profile.html", {"profile": profile})


def broker_list(request):
    return render(request, "accounts/broker_list.html", {"brokers": selectors.certified_brokers()})


@login_required
def broker_edit(request):
    profile = BrokerProfile.objects.filter(user=request.user).first()
    form = BrokerProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.save_broker_profile(
                user=request.user, by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("经纪人资料已保存。"))
            return redirect("accounts:broker_edit")
    return render(request, "accounts/broker_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
def broker_submit(request):
    profile = get_object_or_404(BrokerProfile, user=request.user)
    authorize(request, "accounts.change_brokerprofile", profile)
    try:
        services.submit_broker_profile(profile=profile, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("已提交经纪人认证，审核结果将通过邮件通知您。"))
    return redirect("accounts:broker_edit")


@login_required
def welcome(request):
    role = request.user.signup_role
    context = {
        "role": role,
        "is_broker_signup": role == SignupRole.BROKER,
        "kinds": Organization.Kind,
        "memberships": selectors.memberships_of(request.user),
    }
    return render(request, "accounts/welcome.html", context)


@login_required
def security(request):
    from allauth.mfa.models import Authenticator

    user = request.user
    context = {
        "has_totp": selectors.has_totp(user),
        "has_recovery_codes": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists(),
        "mfa_required": selectors.mfa_required_for(user),
        "events": selectors.recent_security_events(user=user),
        "deletion": AccountDeletionRequest.objects.filter(
            user=user, status=AccountDeletionRequest.Status.PENDING
        ).first(),
    }
    return render(request, "accounts/security.html", context)


@login_required
def deletion_request(request):
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deletion = services.request_account_deletion(
            user=request.user, reason=form.cleaned_data["reason"]
        )
        until = timezone.localtime(deletion.erase_after).strftime("%Y-%m-%d %H:%M")
        messages.success(
            request,
            _("注销申请已提交。冷静期至 %(until)s，期间您可以随时撤回；期满后账户将被注销。")
            % {"until": until},
        )
        return redirect("accounts:security")
    context = {"form": form, "days": settings.ACCOUNTS_DELETION_COOLING_OFF_DAYS}
    return render(request, "accounts/deletion_request.html", context)


@login_required
@require_POST
def deletion_withdraw(request):
    if services.withdraw_account_deletion(user=request.user):
        messages.success(request, _("注销申请已撤回，您的账户保持不变。"))
    return redirect("accounts:security")
