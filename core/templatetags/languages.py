"""The header's language switch: a link per language to this page in that language.

Links, not a form: the language is in the address (no prefix for zh-hans, /en/ for English), so a
page carries nothing of the visitor's own and the proxy may serve it to everyone."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    request = context.get("request")
    here = request.get_full_path() if request is not None else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": _in_language(here, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _in_language(path: str, code: str) -> str:
    translated = translate_url(path, code)
    if translated != path or code == get_language():
        return translated
    # An address that does not resolve (a 404 page): that language's home page.
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
