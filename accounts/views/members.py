from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..authorization import authorize
from ..forms import InvitationForm, MemberRoleForm, TransferOwnershipForm
from ..models import AuditEvent, Invitation, Membership, Organization


@login_required
def organization_members(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.view_organization_settings", org)
    can_manage = request.user.has_perm("accounts.manage_members", org)
    is_owner = request.user.has_perm("accounts.transfer_ownership", org)
    form = InvitationForm(request.POST or None)
    if not is_owner:
        form.fields["role"].choices = [(Membership.Role.MEMBER, _("成员"))]
    if request.method == "POST":
        authorize(request, "accounts.manage_members", org)
        if form.is_valid():
            try:
                services.invite_member(organization=org, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("邀请已发送至 %(email)s。") % {"email": form.cleaned_data["email"]},
                )
                return redirect("accounts:org_members", pk=pk)
    context = {
        "org": org,
        "members": selectors.members_of(org),
        "invitations": selectors.open_invitations(org) if can_manage else [],
        "form": form,
        "can_manage": can_manage,
        "is_owner": is_owner,
        "transfer_form": TransferOwnershipForm(organization=org) if is_owner else None,
        "me": request.user,
    }
    return render(request, "accounts/org_members.html", context)


def _membership(pk, membership_pk) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organization", "user"),
        pk=membership_pk,
        organization_id=pk,
    )


def _denied(request, membership) -> None:
    services.record_event(
        kind=AuditEvent.Kind.PERMISSION_DENIED,
        actor=request.user,
        organization=membership.organization,
        target_user=membership.user,
        request=request,
    )


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    membership = _membership(pk, membership_pk)
    authorize(request, "accounts.manage_members", membership.organization)
    try:
        services.remove_member(membership=membership, by=request.user)
    except PermissionDenied:
        _denied(request, membership)
        raise
    messages.success(request, _("已移除成员 %(name)s。") % {"name": membership.user})
    return redirect("accounts:org_members", pk=pk)


@login_required
@require_POST
def member_role(request, pk, membership_pk):
    membership = _membership(pk, membership_pk)
    authorize(request, "accounts.transfer_ownership", membership.organization)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_member_role(
                membership=membership, by=request.user, role=form.cleaned_data["role"]
            )
        except PermissionDenied:
            _denied(request, membership)
            raise
        messages.success(request, _("角色已更新。"))
    return redirect("accounts:org_members", pk=pk)


@login_required
@require_POST
def transfer_ownership(request, pk):
    org = get_object_or_404(Organization, pk=pk)
    authorize(request, "accounts.transfer_ownership", org)
    form = TransferOwnershipForm(request.POST, organization=org)
    if form.is_valid():
        target = form.cleaned_data["membership"].user
        services.transfer_ownership(organization=org, by=request.user, to=target)
        messages.success(request, _("负责人已转让给 %(name)s，您现在是管理员。") % {"name": target})
    else:
        messages.error(request, _("请选择一位现有成员。"))
    return redirect("accounts:org_members", pk=pk)


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organization_id=pk)
    authorize(request, "accounts.manage_members", invitation.organization)
    services.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("邀请已撤销。"))
    return redirect("accounts:org_members", pk=pk)


def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    if not request.user.is_authenticated:
        messages.info(
            request,
            _("请使用 %(email)s 登录或注册后接受邀请。") % {"email": invitation.email},
        )
        return redirect_to_login(request.get_full_path())
    context = {"invitation": invitation, "error": None}
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as error:
            context["error"] = error.messages[0]
        except PermissionDenied:
            context["error"] = _("此邀请发给 %(email)s，请使用该邮箱的账户接受。") % {
                "email": invitation.email
            }
        else:
            messages.success(request, _("您已加入 %(org)s。") % {"org": invitation.organization})
            return redirect("accounts:org_settings", pk=invitation.organization_id)
    return render(request, "accounts/invitation.html", context)
