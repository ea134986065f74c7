"""Match feedback from the cards ("相关" / "不相关，因为…"), htmx or plain POST; 为我的发布推荐."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from core.http import safe_next

from .. import registry, services
from ..forms import MatchFeedbackForm
from ..models import MatchFeedback
from ..templatetags.search_tags import card_id


def _next_url(request, listing) -> str:
    if listing is None:
        return safe_next(request, "/")
    return safe_next(request, listing.get_absolute_url())


def _source_listing(kind: str, pk: int):
    """kind: "achievement" or "need" (the form allows no other)."""
    searchable = registry.named("achievement" if kind == "achievement" else "need")
    listing = searchable.published().filter(pk=pk).select_related("organization").first()
    if listing is None:
        raise Http404(_("该发布不存在或尚未公开"))
    return listing


def _refuse(request, form_data, errors: list[str], listing):
    """Clear errors: under the card for htmx, as a message after the redirect otherwise."""
    if request.htmx and listing is not None and form_data.get("match_id"):
        response = render(request, "search/includes/feedback_errors.html", {"errors": errors})
        target = f"#{card_id(listing, form_data['match_id'])}-errors"
        return reswap(retarget(response, target), "innerHTML")
    for error in errors:
        messages.error(request, error)
    return redirect(_next_url(request, listing))


@require_POST
@login_required
def match_feedback(request):
    form = MatchFeedbackForm(request.POST)
    if not form.is_valid() and any(
        name in form.errors for name in ("source_kind", "source_id", "match_id")
    ):
        raise Http404(_("反馈的推荐不存在"))
    listing = _source_listing(form.cleaned_data["source_kind"], form.cleaned_data["source_id"])
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _refuse(request, form.cleaned_data, errors, listing)
    data = form.cleaned_data
    try:
        feedback = services.give_match_feedback(
            listing=listing,
            counterpart_id=data["match_id"],
            by=request.user,
            verdict=data["verdict"],
            reason=data["reason"],
            note=data["note"],
        )
    except ValidationError as exc:
        return _refuse(request, data, exc.messages, listing)
    dismissed = feedback.verdict == MatchFeedback.Verdict.NOT_RELEVANT
    counterpart = getattr(feedback, services.COUNTERPART_FIELD[registry.of(listing).feedback_field])
    if request.htmx:
        context = {
            "dismissed": dismissed,
            "counterpart": counterpart,
            "reason_label": feedback.get_reason_display(),
            "card_id": card_id(listing, counterpart.pk),
        }
        response = HttpResponse(
            render_to_string("search/includes/feedback_done.html", context, request)
        )
        if not dismissed:
            # Keep the card and its reasons; only the form turns into the confirmation.
            response = retarget(response, f"#{context['card_id']}-fb")
        return response
    if dismissed:
        messages.success(
            request,
            _("已不再向贵机构推荐“%(title)s”（原因：%(reason)s）。感谢您的反馈！")
            % {"title": counterpart.title, "reason": feedback.get_reason_display()},
        )
    else:
        messages.success(
            request, _("已将“%(title)s”标记为相关，感谢您的反馈！") % {"title": counterpart.title}
        )
    return redirect(_next_url(request, listing))


@require_GET
@login_required
def my_matches(request):
    return render(request, "search/my_matches.html")
