from django.contrib import messages
from django.shortcuts import redirect


def run(request, action, *, success: str, to):
    """Call a service; show its Chinese refusal, or the success message; then redirect."""
    from ..errors import EvaluationError

    try:
        action()
    except EvaluationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(to)
