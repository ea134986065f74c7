from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import display_name, serve_private

from .. import selectors, services
from ..authorization import authorize
from ..forms import OrganizationForm, VerificationDocumentForm
from ..models import Organization, VerificationDocument


def _form_data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in form.changed_data or k == "kind"}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def organization_profile(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    context = {
        "org": org,
        "brokers": selectors.certified_brokers().filter(organization=org),
        "can_manage": request.user.has_perm("accounts.view_organization_settings", org),
        # What apps above list on it (marketplace: "achievements", "needs").
        **selectors.organization_page_extras(org),
    }
    return render(request, "accounts/org_profile.html", context)


@login_required
def my_organizations(request):
    memberships = selectors.memberships_of(request.user)
    return render(request, "accounts/org_list.html", {"memberships": memberships})


@login_required
def organization_create(request):
    kind = request.GET.get("kind") or request.user.signup_role
    form = OrganizationForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": kind if kind in Organization.Kind.values else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organization(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("机构已创建。请上传认证材料并提交认证，认证通过后即可发布。")
            )
            return redirect("accounts:org_verification", pk=org.pk)
    return render(request, "accounts/org_form.html", {"form": form, "creating": True})


@login_required
def organization_settings(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.view_organization_settings", org)
    can_edit = request.user.has_perm("accounts.change_organization", org)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST":
        authorize(request, "accounts.change_organization", org)
        # ModelForm validation writes onto the instance; re-read so the service sees the truth.
        if form.is_valid():
            data = form.cleaned_data
            org = Organization.objects.get(pk=pk)
            try:
                services.update_organization(organization=org, by=request.user, data=data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("机构信息已保存。"))
                return redirect("accounts:org_settings", pk=pk)
    return render(
        request,
        "accounts/org_form.html",
        {"form": form, "org": Organization.objects.get(pk=pk), "can_edit": can_edit},
    )


@login_required
def organization_verification(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.submit_verification", org)
    form = VerificationDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_verification_document(
                organization=org,
                by=request.user,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("材料已上传。"))
            return redirect("accounts:org_verification", pk=pk)
    context = {
        "org": org,
        "form": form,
        "documents": org.verification_documents.all(),
        "can_upload": org.verification_status
        in (Organization.Verification.UNVERIFIED, Organization.Verification.REJECTED),
    }
    return render(request, "accounts/org_verification.html", context)


@login_required
@require_POST
def organization_submit_verification(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.submit_verification", org)
    try:
        services.submit_verification(organization=org, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已提交认证申请，平台将在 3 个工作日内完成审核并邮件通知您。"))
    return redirect("accounts:org_verification", pk=pk)


@login_required
def verification_document(request, pk, document_pk):
    document = get_object_or_404(VerificationDocument, pk=document_pk, organization_id=pk)
    authorize(request, "accounts.view_verification_documents", document.organization)
    return serve_private(document.file, filename=display_name(document.file, document.filename))
