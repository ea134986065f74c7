"""Forms of the search app's pages: saving a search, renaming it, match feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MatchFeedback, SavedSearch
from .services import NOTE_MAX_LENGTH


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("订阅名称"), max_length=80, required=False)
    q = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("推送频率"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
    )


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]


class MatchFeedbackForm(forms.Form):
    """One verdict on one match card; the card's listing is the one being viewed."""

    source_kind = forms.ChoiceField(choices=[("achievement", "achievement"), ("need", "need")])
    source_id = forms.IntegerField(min_value=1)
    match_id = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(
        label=_("结论"),
        choices=MatchFeedback.Verdict.choices,
        error_messages={"required": _("请选择“相关”或“不相关”")},
    )
    reason = forms.ChoiceField(
        label=_("不相关的原因"),
        choices=MatchFeedback.Reason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("补充说明"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == MatchFeedback.Verdict.NOT_RELEVANT:
            if not data.get("reason"):
                self.add_error("reason", _("请选择不相关的原因"))
            elif data["reason"] == MatchFeedback.Reason.OTHER and not data.get("note", "").strip():
                self.add_error("note", _("选择“其他”时请填写说明"))
        return data
