"""One way to render a form field: Django's form renderer uses the portal's field template, so
`{{ field.as_field_group }}`, `{{ form }}` and `{% include "core/field.html" %}` look alike."""

from django.forms.renderers import DjangoTemplates


class PortalFormRenderer(DjangoTemplates):
    field_template_name = "core/field.html"
