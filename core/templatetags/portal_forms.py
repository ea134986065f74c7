"""The widget of a portal form field, with what keyboards and screen readers need: focus on the
first field to fix (or, on sign-in pages, the first field), and a form-wide error (such as a
wrong password) announced on the fields it concerns."""

import re

from django import template
from django.forms import BoundField
from django.utils.safestring import mark_safe

register = template.Library()


def form_errors_id(form) -> str:
    return f"{form.prefix or 'form'}-errors"


def focus_target(form, *, first_when_clean: bool) -> str | None:
    visible = form.visible_fields()
    if form.is_bound and form.errors:
        with_errors = [f for f in visible if f.errors] or (
            visible if form.non_field_errors() else []
        )
        return with_errors[0].name if with_errors else None
    return visible[0].name if first_when_clean and visible else None


@register.simple_tag(takes_context=True)
def field_widget(context, field: BoundField):
    attrs = {}
    form = field.form
    if form.is_bound and form.non_field_errors() and not field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = " ".join(
            filter(None, [field.aria_describedby, form_errors_id(form)])
        )
    html = field.as_widget(attrs=attrs)
    if field.name == focus_target(form, first_when_clean=bool(context.get("autofocus_first"))):
        # On the first control only: a radio list given the attribute would repeat it per option.
        html = mark_safe(CONTROL.sub(r"<\1 autofocus", html, count=1))  # noqa: S308 (widget HTML)
    return html


CONTROL = re.compile(r"<(input|select|textarea)\b")


@register.filter
def errors_id(form) -> str:
    return form_errors_id(form)
