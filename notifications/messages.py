"""Messages kept as a source string and parameters, rendered in the reader's language.

A caller writes `title=_("审核通过：%(title)s")` with gettext_lazy and `params={"title": ...}`.
`source()` takes the msgid out of the lazy string (it is what gets stored), `store_params()`
turns the values into JSON (a lazy value, such as a choice label, is kept as its msgid and
translated when read), and `render()` translates and fills in at read time.
"""

from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext

# gettext's own separator between a message's context and its text (pgettext).
CONTEXT_SEPARATOR = "\x04"


def source(text) -> str:
    """The untranslated source of a gettext_lazy/pgettext_lazy string; plain text as it is
    (it must then be a source string already, never a translation)."""
    if isinstance(text, Promise):
        args = getattr(text, "_args", ())
        if len(args) == 1 and isinstance(args[0], str):
            return args[0]
        if len(args) == 2 and all(isinstance(a, str) for a in args):
            return f"{args[0]}{CONTEXT_SEPARATOR}{args[1]}"
        raise ValueError("notification texts are gettext_lazy or pgettext_lazy strings")
    return str(text or "")


def key_of(text) -> str:
    """The msgid to store for a lazy string; "" for plain text (kept literally)."""
    return source(text) if isinstance(text, Promise) else ""


def _translate(msgid: str) -> str:
    if not msgid:
        return ""  # gettext("") is the catalogue's header
    translated = gettext(msgid)
    if CONTEXT_SEPARATOR in translated:  # no translation for a message with a context
        return translated.split(CONTEXT_SEPARATOR, 1)[1]
    return translated


def store_params(params: dict | None) -> dict:
    stored = {}
    for name, value in (params or {}).items():
        if isinstance(value, Promise):
            stored[name] = {"msgid": source(value)}
        elif isinstance(value, int | float) and not isinstance(value, bool):
            stored[name] = value
        elif isinstance(value, Decimal):
            stored[name] = str(value)
        else:
            stored[name] = "" if value is None else str(value)
    return stored


def _values(params: dict, translate) -> dict:
    return {
        name: translate(value["msgid"]) if isinstance(value, dict) else value
        for name, value in params.items()
    }


def render(key: str, params: dict | None, *, translate=_translate) -> str:
    """The message in the active language (translate=str: in the source language)."""
    text = translate(key)
    if not params:
        return text
    try:
        return text % _values(params, translate)
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders drifted from the source: the source still fits.
        return key % _values(params, translate)


def render_source(key: str, params: dict | None) -> str:
    """The message in the source language (Chinese), as the admin shows it."""

    def untranslated(msgid):
        return msgid.split(CONTEXT_SEPARATOR, 1)[-1]

    return render(key, params, translate=untranslated)
