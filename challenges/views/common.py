from django.contrib import messages
from django.shortcuts import redirect

from ..errors import ChallengeError


def run(request, action, *, success: str, redirect_to: str):
    """Call a service; show its Chinese refusal instead of an error page."""
    try:
        result = action()
    except ChallengeError as exc:
        messages.error(request, exc.message)
        return None, redirect(redirect_to)
    messages.success(request, success)
    return result, redirect(redirect_to)
