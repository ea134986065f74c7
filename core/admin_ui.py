"""Wagtail admin pieces every app's viewsets use, so list columns, inspect views and exports
show values the way core.display writes them (Shanghai time, ¥ with separators, — for nothing).

    @portal_display            # on each viewset class, after its own view classes are set
    class MyViewSet(ModelViewSet): ...

    PortalColumn(...)          # instead of Column(...) in list_display
"""

import html
from datetime import datetime
from decimal import Decimal

from django.utils.html import strip_tags
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.fields import RichTextField

from .display import display_value, local_naive


class PortalColumn(Column):
    def get_value(self, instance):
        return display_value(super().get_value(instance), self.name)


class PortalTitleColumn(TitleColumn):
    def get_value(self, instance):
        return display_value(super().get_value(instance), self.name)


class PortalIndexMixin:
    """Columns derived from list_display names use PortalColumn; exports carry Shanghai time
    (Wagtail writes xlsx datetimes in UTC and CSV ones with their +00:00 offset)."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        if column_class is TitleColumn:
            column_class = PortalTitleColumn
        return super()._get_title_column(field_name, column_class, **kwargs)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = PortalColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)

    def preprocess_field_value(self, field, value, export_format):
        if field.endswith("_fen") and isinstance(value, int):
            value = Decimal(value).scaleb(-2)  # yuan with cents, a number the bureau can sum
        elif isinstance(value, datetime):
            value = local_naive(value)
            if export_format == self.FORMAT_CSV:
                value = value.strftime("%Y-%m-%d %H:%M:%S")
        return super().preprocess_field_value(field, value, export_format)

    def get_heading(self, queryset, field):
        return yuan_heading(super().get_heading(queryset, field), field)


class PortalInspectMixin:
    def get_field_label(self, field_name, field):
        return yuan_heading(super().get_field_label(field_name, field), field_name)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(field, RichTextField) and isinstance(value, str):
            # The stored HTML as text: a summary for checking, never markup shown as code.
            value = html.unescape(strip_tags(value)).strip()
        return display_value(value, field_name)


def yuan_heading(label, field_name: str) -> str:
    """Ledger fields are named "金额（分）" for the database; people read them in yuan."""
    if field_name.endswith("_fen"):
        return str(label).replace("（分）", "（元）")
    return label


def portal_display(viewset_class):
    """Give a (snippet or model) viewset's index and inspect views the portal's display."""
    for attribute, mixin in (
        ("index_view_class", PortalIndexMixin),
        ("inspect_view_class", PortalInspectMixin),
    ):
        view_class = getattr(viewset_class, attribute)
        if not issubclass(view_class, mixin):
            name = f"Portal{view_class.__name__}"
            setattr(viewset_class, attribute, type(name, (mixin, view_class), {}))
    return viewset_class
