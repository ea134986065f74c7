"""Punctuation that follows the page's language: Chinese pages use full-width "：" and "（）",
English pages ": " and " ()". For template text outside {% translate %} (a label, then its
value): `{% translate "发榜单位" %}{% colon %}{{ org }}`."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.simple_tag
def colon() -> str:
    return ": " if _english() else "："


@register.simple_tag
def lparen() -> str:
    return " (" if _english() else "（"


@register.simple_tag
def rparen() -> str:
    return ")" if _english() else "）"
