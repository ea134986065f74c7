from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Industry
from core.validators import check_upload

from .models import (
    BrokerProfile,
    Invitation,
    Membership,
    Organization,
    Region,
    SignupRole,
    VerificationDocument,
)


class SignupForm(AllauthSignupForm):
    """allauth's email signup, plus who the person represents (it steers onboarding)."""

    signup_role = forms.ChoiceField(
        label=_("我的身份"),
        choices=SignupRole.choices,
        widget=forms.RadioSelect,
        initial=SignupRole.ENTERPRISE,
    )
    name = forms.CharField(label=_("姓名"), max_length=60)
    field_order = ["signup_role", "name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.signup_role = self.cleaned_data["signup_role"]
        user.save(update_fields=["name", "signup_role"])


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "credit_code",
            "region",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "logo",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.identity_locked:
            for name in ("name", "credit_code"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("审核中或已认证的机构不能修改名称和信用代码。")

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()


class VerificationDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=VerificationDocument.Kind.choices)
    file = forms.FileField(label=_("文件"), help_text=_("PDF 或图片，单个文件不超过 5 MB。"))

    ALLOWED = (".pdf", ".jpg", ".jpeg", ".png")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # By content too: an HTML page renamed .pdf is refused.
        check_upload(
            upload,
            allowed=self.ALLOWED,
            max_bytes=5 * 1024 * 1024,
            type_message=_("只接受 PDF、JPG 或 PNG 文件。"),
        )
        return upload


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("邮箱"))
    role = forms.ChoiceField(
        label=_("角色"), choices=Invitation._meta.get_field("role").choices, initial="member"
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=[(Membership.Role.ADMIN, _("管理员")), (Membership.Role.MEMBER, _("成员"))]
    )


class TransferOwnershipForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("新负责人"), queryset=Membership.objects.none())

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.filter(organization=organization)
            .exclude(role=Membership.Role.OWNER)
            .select_related("user")
        )
        self.fields["membership"].label_from_instance = lambda m: f"{m.user} <{m.user.email}>"


class BrokerProfileForm(forms.ModelForm):
    specialties = forms.ModelMultipleChoiceField(
        label=_("擅长产业"),
        queryset=Industry.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    service_regions = forms.MultipleChoiceField(
        label=_("服务地区"),
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = BrokerProfile
        fields = [
            "certificate_number",
            "organization",
            "years_of_experience",
            "specialties",
            "service_regions",
            "public_phone",
            "bio",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The broker ticks what they asked for, certified or still waiting for staff.
            self.initial["specialties"] = [
                *self.instance.specialties.all(),
                *self.instance.requested_specialties.all(),
            ]
        # A broker may name only an organization they belong to.
        self.fields["organization"].queryset = Organization.objects.filter(memberships__user=user)
        self.fields["organization"].required = False


class DeletionRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("注销原因（选填）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("我已了解：注销后账户及个人信息将被删除，所在机构的成果与合同记录保留。")
    )


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("通过")), ("reject", _("驳回"))])
    reason = forms.CharField(
        label=_("驳回原因"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
