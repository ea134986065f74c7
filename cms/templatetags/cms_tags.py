from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def lang_prefix() -> str:
    """'' for Chinese (unprefixed URLs), '/en' for English."""
    return "/en" if (get_language() or "").startswith("en") else ""


@register.simple_tag
def listing_url(item) -> str:
    """A marketplace listing's detail page (a search for it if the marketplace has none)."""
    get_url = getattr(item, "get_absolute_url", None)
    if callable(get_url):
        return get_url()
    try:
        return reverse(f"marketplace:{item._meta.model_name}_detail", args=[item.pk])
    except NoReverseMatch:
        return f"{lang_prefix()}/search/?{urlencode({'q': item.title})}"
