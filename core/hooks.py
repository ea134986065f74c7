"""Named hooks: how an app lets apps above it act on its events without importing them.

The app that owns the event names it and calls `run`; an app above registers a function in its
AppConfig.ready(). No signals: the caller sees the calls in its own code, in order.

    # brokerage/apps.py                      # marketplace/services/engagement.py
    hooks.register(INQUIRY_MADE, route)      hooks.run(INQUIRY_MADE, inquiry=inquiry)
"""

from collections.abc import Callable

_hooks: dict[str, list[Callable]] = {}


def register(name: str, function: Callable) -> None:
    """Idempotent: a function registered twice (ready() run again in tests) runs once."""
    present = _hooks.setdefault(name, [])
    if function not in present:
        present.append(function)


def run(name: str, /, **kwargs) -> list:
    """Call every function registered under name, in registration order; their results."""
    return [function(**kwargs) for function in _hooks.get(name, [])]
