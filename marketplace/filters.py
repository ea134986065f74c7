"""django-filter filter sets for the browse pages."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization, Region
from core.models import Industry

from .models import Achievement, Need, TransferMode

ACHIEVEMENT_SORTS = [
    ("-published_at", _("最新发布")),
    ("-quality_score", _("质量评分")),
    ("-view_count", _("浏览最多")),
    ("asking_price_cny", _("报价从低到高")),
    ("-asking_price_cny", _("报价从高到低")),
]
NEED_SORTS = [
    ("-published_at", _("最新发布")),
    ("deadline", _("截止日期最近")),
    ("-budget_max_cny", _("预算从高到低")),
    ("-view_count", _("浏览最多")),
]


class ListingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="filter_text")
    industry = django_filters.ModelChoiceFilter(
        label=_("产业"),
        queryset=Industry.objects.all(),
        to_field_name="code",
        empty_label=_("全部产业"),
    )
    org_kind = django_filters.ChoiceFilter(
        label=_("机构类型"),
        field_name="organization__kind",
        choices=Organization.Kind.choices,
        empty_label=_("全部类型"),
    )
    region = django_filters.ChoiceFilter(
        label=_("地区"),
        field_name="organization__region",
        choices=Region.choices,
        empty_label=_("全部地区"),
    )

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(technical_field__icontains=value))


def _sort(choices):
    return django_filters.OrderingFilter(
        label=_("排序"),
        fields=[(c[0].lstrip("-"), c[0].lstrip("-")) for c in choices],
        choices=choices,
        empty_label=None,
        null_label=None,
    )


class AchievementFilter(ListingFilter):
    maturity = django_filters.ChoiceFilter(
        label=_("成熟度"), choices=Achievement.Maturity.choices, empty_label=_("全部")
    )
    patent_type = django_filters.ChoiceFilter(
        label=_("专利类型"), choices=Achievement.PatentType.choices, empty_label=_("全部")
    )
    transfer_mode = django_filters.ChoiceFilter(
        label=_("转化方式"),
        choices=TransferMode.choices,
        method="filter_transfer_mode",
        empty_label=_("全部"),
    )
    price_min = django_filters.NumberFilter(
        label=_("报价不低于（万元）"), method="filter_price_min"
    )
    price_max = django_filters.NumberFilter(
        label=_("报价不高于（万元）"), method="filter_price_max"
    )
    sort = _sort(ACHIEVEMENT_SORTS)

    class Meta:
        model = Achievement
        fields = ["industry", "maturity", "patent_type"]

    def filter_transfer_mode(self, queryset, name, value):
        return queryset.filter(transfer_modes__contains=[value])

    def filter_text(self, queryset, name, value):
        return super().filter_text(queryset, name, value) | queryset.filter(
            summary__icontains=value
        )

    def filter_price_min(self, queryset, name, value):
        return queryset.filter(asking_price_cny__gte=value * 10000)

    def filter_price_max(self, queryset, name, value):
        return queryset.filter(asking_price_cny__lte=value * 10000)


class NeedFilter(ListingFilter):
    budget_min = django_filters.NumberFilter(
        label=_("预算不低于（万元）"), method="filter_budget_min"
    )
    budget_max = django_filters.NumberFilter(
        label=_("预算不高于（万元）"), method="filter_budget_max"
    )
    sort = _sort(NEED_SORTS)

    class Meta:
        model = Need
        fields = ["industry"]

    def filter_text(self, queryset, name, value):
        return super().filter_text(queryset, name, value) | queryset.filter(
            description__icontains=value
        )

    def filter_budget_min(self, queryset, name, value):
        return queryset.filter(budget_max_cny__gte=value * 10000)

    def filter_budget_max(self, queryset, name, value):
        return queryset.filter(
            Q(budget_min_cny__lte=value * 10000)
            | Q(budget_min_cny__isnull=True, budget_max_cny__lte=value * 10000)
        )
