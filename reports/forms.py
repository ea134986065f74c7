from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput({"type": "date"})


class PeriodForm(forms.Form):
    """The reporting period: both ends included; either may be left open."""

    start = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data
