from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Document, LostReason, TechContract

DATE = forms.DateInput(attrs={"type": "date"})


class NoteForm(forms.Form):
    body = forms.CharField(label=_("跟进记录"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    title = forms.CharField(label=_("待办事项"), max_length=200)
    due_on = forms.DateField(label=_("截止日期"), widget=DATE)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("会谈主题"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("地点/方式"), max_length=200, required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("文件类型"), choices=Document.Kind.choices)
    file = forms.FileField(label=_("文件"), help_text=_("PDF、Word、Excel、图片，不超过 10 MB"))


class LostForm(forms.Form):
    reason = forms.ChoiceField(label=_("未成交原因"), choices=LostReason.choices)
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommissionForm(forms.Form):
    rate_percent = forms.DecimalField(
        label=_("佣金比例（%）"), required=False, min_value=0, max_value=30, decimal_places=2
    )
    fixed_cny = forms.DecimalField(
        label=_("或固定佣金（元）"), required=False, min_value=0, decimal_places=2
    )


class ContractForm(forms.ModelForm):
    class Meta:
        model = TechContract
        fields = [
            "contract_type",
            "title",
            "supply_party",
            "demand_party",
            "amount_cny",
            "tech_amount_cny",
            "payment_schedule",
            "signed_on",
            "term_start",
            "term_end",
        ]
        widgets = {
            "signed_on": DATE,
            "term_start": DATE,
            "term_end": DATE,
            "payment_schedule": forms.Textarea(attrs={"rows": 3}),
        }


class RegistrationForm(forms.Form):
    registration_number = forms.CharField(label=_("认定登记编号"), max_length=40)
    registered_on = forms.DateField(label=_("认定登记日期"), widget=DATE)
