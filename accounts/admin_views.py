"""Verification review for staff, rendered inside the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors, services
from .authorization import authorize
from .forms import ReviewDecisionForm
from .models import BrokerProfile, Organization


def review_queue(request):
    authorize(request, "accounts.review_verification")
    context = {
        "organizations": selectors.pending_organizations(),
        "brokers": selectors.pending_brokers(),
        "header_title": _("认证审核"),
        "page_title": _("认证审核"),
        "header_icon": "tick-inverse",
    }
    return TemplateResponse(request, "accounts/admin/review_queue.html", context)


def _decide(request, form, approve, reject):
    decision = form.cleaned_data["decision"]
    try:
        if decision == "approve":
            approve()
        else:
            reject(form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error("reason" if decision == "reject" else None, error)
        return False
    return True


def review_organization(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.review_verification", org)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _decide(
            request,
            form,
            lambda: services.approve_verification(organization=org, by=request.user),
            lambda reason: services.reject_verification(
                organization=org, by=request.user, reason=reason
            ),
        )
        if done:
            messages.success(
                request, _("已处理“%(name)s”的认证，并邮件通知机构管理员。") % {"name": org}
            )
            return redirect("accounts_review_queue")
    context = {
        "org": org,
        "form": form,
        "documents": org.verification_documents.all(),
        "members": selectors.members_of(org),
        "header_title": org.name,
        "page_title": _("机构认证审核"),
        "page_subtitle": org.name,
        "header_icon": "tick-inverse",
    }
    return TemplateResponse(request, "accounts/admin/review_organization.html", context)


def review_broker(request, pk):
    profile = get_object_or_404(BrokerProfile.objects.select_related("user"), pk=pk)
    authorize(request, "accounts.certify_broker", profile)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _decide(
            request,
            form,
            lambda: services.certify_broker(profile=profile, by=request.user),
            lambda reason: services.reject_broker(profile=profile, by=request.user, reason=reason),
        )
        if done:
            messages.success(request, _("已处理经纪人“%(name)s”的认证。") % {"name": profile.user})
            return redirect("accounts_review_queue")
    context = {
        "profile": profile,
        "form": form,
        "header_title": str(profile.user),
        "page_title": _("技术经纪人认证审核"),
        "page_subtitle": str(profile.user),
        "header_icon": "tick-inverse",
    }
    return TemplateResponse(request, "accounts/admin/review_broker.html", context)
