"""Forms parse and validate input; services decide what is allowed."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, Challenge
from .validators import validate_pdf


class NoSuffix:
    """Chinese labels read better without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


COMPARATORS = {"≥": "gte", ">=": "gte", "≤": "lte", "<=": "lte", "=": "eq"}


class ChallengeForm(NoSuffix, forms.ModelForm):
    indicators_text = forms.CharField(
        label=_("技术指标"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "每行一项：指标名称 | 比较（≥ ≤ =）| 目标值 | 单位，例如：缺陷检出率 | ≥ | 99.5 | %"
        ),
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "problem_statement",
            "industry",
            "mechanism",
            "bounty_cny",
            "total_budget_cny",
            "deadline",
            "delivery_months",
            "eligibility",
            "ip_terms",
            "confidentiality",
            "blind_review",
            "stage_one_slots",
            "attachment",
        ]
        widgets = {
            "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "problem_statement": forms.Textarea(attrs={"rows": 6}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "ip_terms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["indicators_text"].initial = "\n".join(
                " | ".join(
                    [i.name, i.get_comparator_display(), f"{i.target_value.normalize():f}", i.unit]
                )
                for i in self.instance.indicators.all()
            )

    def clean_indicators_text(self) -> list[dict]:
        rows = []
        for number, line in enumerate(self.cleaned_data["indicators_text"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3 or parts[1] not in COMPARATORS:
                raise forms.ValidationError(_("第 %(n)s 行格式不正确") % {"n": number})
            try:
                value = Decimal(parts[2])
            except InvalidOperation as exc:
                raise forms.ValidationError(_("第 %(n)s 行目标值不是数字") % {"n": number}) from exc
            rows.append(
                {
                    "name": parts[0],
                    "comparator": COMPARATORS[parts[1]],
                    "target_value": value,
                    "unit": parts[3] if len(parts) > 3 else "",
                }
            )
        if not rows:
            raise forms.ValidationError(_("请至少填写一项技术指标"))
        return rows

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("indicators_text")
        if not data.get("attachment"):
            data.pop("attachment", None)
        return data


class StartApplicationForm(NoSuffix, forms.Form):
    team_name = forms.CharField(label=_("团队名称"), max_length=100)
    lead_organization = forms.ModelChoiceField(
        label=_("牵头单位"),
        queryset=None,
        required=False,
        empty_label=_("以个人（技术总师）名义申报"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organization"].queryset = user.organizations.all()


class ApplicationForm(NoSuffix, forms.ModelForm):
    proposal_pdf = forms.FileField(
        label=_("技术方案 PDF"),
        required=False,
        validators=[validate_pdf],
        help_text=_("仅限 PDF，不超过 20 MB"),
    )
    members_text = forms.CharField(
        label=_("团队成员"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名 | 所在单位 | 职称 | 分工"),
    )

    class Meta:
        model = Application
        fields = [
            "team_name",
            "lead_title",
            "proposal",
            "budget_plan",
            "requested_amount_cny",
            "milestone_plan",
            "declares_ip",
            "declares_no_conflict",
            "declares_truthful",
        ]
        widgets = {
            "proposal": forms.Textarea(attrs={"rows": 10}),
            "budget_plan": forms.Textarea(attrs={"rows": 4}),
            "milestone_plan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "proposal": _(
                "支持标题、加粗、斜体、列表和链接等基本排版"
                "（HTML 标签 h3、b、i、ul、ol、a），其余标签会被过滤"
            ),
        }

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        responses = {}
        if self.instance.pk:
            responses = {r.indicator_id: r for r in self.instance.indicator_responses.all()}
            self.fields["members_text"].initial = "\n".join(
                " | ".join([m.name, m.organization_name, m.title, m.role])
                for m in self.instance.members.all()
            )
        for indicator in self.indicators:
            existing = responses.get(indicator.pk)
            self.fields[f"ind_{indicator.pk}_value"] = forms.CharField(
                label=_("%(i)s：承诺值") % {"i": indicator},
                required=False,
                max_length=60,
                initial=existing.promised_value if existing else "",
            )
            self.fields[f"ind_{indicator.pk}_approach"] = forms.CharField(
                label=_("实现途径"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.approach if existing else "",
            )

    def indicator_fields(self):
        for indicator in self.indicators:
            yield indicator, self[f"ind_{indicator.pk}_value"], self[f"ind_{indicator.pk}_approach"]

    def service_kwargs(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if self.cleaned_data.get("proposal_pdf"):
            data["proposal_pdf"] = self.cleaned_data["proposal_pdf"]
        members = []
        for line in self.cleaned_data.get("members_text", "").splitlines():
            parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
            if parts[0]:
                members.append(
                    {
                        "name": parts[0][:60],
                        "organization_name": parts[1][:120],
                        "title": parts[2][:60],
                        "role": parts[3][:100],
                    }
                )
        responses = {
            ind.pk: {
                "promised_value": self.cleaned_data[f"ind_{ind.pk}_value"],
                "approach": self.cleaned_data[f"ind_{ind.pk}_approach"],
            }
            for ind in self.indicators
        }
        return {**data, "members": members, "responses": responses}


class ConflictForm(NoSuffix, forms.Form):
    conflicted = forms.ModelMultipleChoiceField(
        label=_("需要回避的申报"),
        queryset=Application.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    statement = forms.CharField(
        label=_("声明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("与申报团队存在任职、合作、师生、亲属等关系的，须勾选回避"),
    )
    confirm = forms.BooleanField(label=_("本人承诺如实申报利益冲突，对评审内容保密"), required=True)

    def __init__(self, *args, applications, blind: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["conflicted"]
        field.queryset = applications
        field.label_from_instance = lambda app: app.display_name(blind=blind)


class ScoreForm(NoSuffix, forms.Form):
    comment = forms.CharField(
        label=_("评审意见"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, rubric, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = list(rubric)
        initial_scores = initial_scores or {}
        for criterion in self.rubric:
            self.fields[f"score_{criterion.code}"] = forms.DecimalField(
                label=f"{criterion.name}（{criterion.weight}%）",
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=initial_scores.get(criterion.code),
            )
        self.order_fields([f"score_{c.code}" for c in self.rubric] + ["comment"])

    def scores(self) -> dict:
        return {c.code: self.cleaned_data[f"score_{c.code}"] for c in self.rubric}


class ObjectionForm(NoSuffix, forms.Form):
    content = forms.CharField(
        label=_("异议内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("请写明异议事实和理由；平台将在公示期内核查并答复"),
    )
