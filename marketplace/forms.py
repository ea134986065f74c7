"""Forms for listings: field-by-field validation comes from the models' validators and clean()."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization

from .models import Achievement, Need, TransferMode
from .richtext import RichTextInput
from .validators import validate_attachment


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        for f in files:
            validate_attachment(f)
        return files


class KeywordsField(forms.CharField):
    def prepare_value(self, value):
        if isinstance(value, list):
            return "；".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value) or ""
        parts = value.replace("；", ";").replace("，", ";").replace(",", ";").split(";")
        return [p.strip() for p in parts if p.strip()]


class ListingForm(forms.ModelForm):
    keywords = KeywordsField(label=_("关键词"), required=False, help_text=_("多个关键词用分号分隔"))
    files = MultipleFileField(
        label=_("图片与 PDF 附件"),
        required=False,
        help_text=_("PDF、PNG 或 JPG，单个不超过 10 MB"),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(
            pk__in=[o.pk for o in organizations]
        )
        self.fields["organization"].empty_label = None
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea) and field.widget.attrs.get("rows") == 10:
                field.widget.attrs["rows"] = 5


class AchievementForm(ListingForm):
    transfer_modes = forms.MultipleChoiceField(
        label=_("转化方式"),
        choices=TransferMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Achievement
        fields = [
            "organization",
            "title",
            "summary",
            "description",
            "keywords",
            "industry",
            "technical_field",
            "patent_type",
            "patent_number",
            "ipc",
            "legal_status",
            "maturity",
            "transfer_modes",
            "asking_price_cny",
            "reserve_price_cny",
            "inventors",
            "funded_by_government",
            "funding_programme",
            "ip_declaration",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {"description": RichTextInput()}


class NeedForm(ListingForm):
    cooperation_modes = forms.MultipleChoiceField(
        label=_("期望合作方式"),
        choices=TransferMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Need
        fields = [
            "organization",
            "title",
            "description",
            "keywords",
            "industry",
            "technical_field",
            "budget_min_cny",
            "budget_max_cny",
            "cooperation_modes",
            "deadline",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class SubmitForm(forms.Form):
    override_note = forms.CharField(
        label=_("低分提交说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("质量评分低于要求时，请说明为何仍需提交"),
    )


class InquiryForm(forms.Form):
    message = forms.CharField(
        label=_("合作意向"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("简要说明贵单位情况与合作设想")}),
        max_length=2000,
    )
    organization = forms.ModelChoiceField(
        label=_("代表机构"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=None,
        help_text=_("该机构的负责人和管理员将作为洽谈的一方"),
    )

    def __init__(self, *args, user=None, listing=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.engagement import inquiry_organizations

        signed_in = getattr(user, "is_authenticated", False)
        choices = inquiry_organizations(user=user, listing=listing) if signed_in else []
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in choices]
        )
        # One membership is chosen without asking (see express_interest).
        self.show_organization = len(choices) > 1


class AnnexForm(forms.Form):
    annex = forms.FileField(label=_("保密附件（PDF）"), required=False)
    annex_terms = forms.CharField(label=_("保密协议条款"), widget=forms.Textarea(attrs={"rows": 6}))
    annex_requires_approval = forms.BooleanField(label=_("每次申请须经本机构批准"), required=False)


class ImportUploadForm(forms.Form):
    KIND_CHOICES = [("achievements", _("科技成果")), ("needs", _("技术需求"))]
    organization = forms.ModelChoiceField(
        label=_("导入到机构"),
        queryset=Organization.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("您不是该机构的管理员，不能向其导入。")},
    )
    kind = forms.ChoiceField(label=_("导入类型"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("文件（.xlsx / .csv / .jsonl）"))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only organizations the user administers (and that are verified) can be chosen.
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )
