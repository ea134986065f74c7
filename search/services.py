"""Writes of the search app: match feedback, saved searches, match notifications."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Achievement, Need

from .models import MatchFeedback, SavedSearch

log = logging.getLogger(__name__)

# A match is "strong" (worth a notification) when it ranks first or scores within this fraction
# of the best candidate, and its explanation cites shared terms. Calibrated on the labelled
# development set: at 0.9 most notified pairs are graded relevant there.
STRONG_RELATIVE_SCORE = 0.9
STRONG_LIMIT = 3


@transaction.atomic
def record_match_feedback(
    *,
    need: Need,
    achievement: Achievement,
    user,
    verdict: str,
    organization=None,
    reason: str = "",
    note: str = "",
) -> MatchFeedback:
    """Store (or replace) one viewer's verdict on a pair; "not relevant" needs a coded reason."""
    if verdict not in MatchFeedback.Verdict.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    if verdict == MatchFeedback.Verdict.NOT_RELEVANT and reason not in MatchFeedback.Reason.values:
        raise ValueError(_("请选择不相关的原因"))
    if reason == MatchFeedback.Reason.OTHER and not note.strip():
        raise ValueError(_("选择“其他”时请填写说明"))
    feedback, _created = MatchFeedback.objects.update_or_create(
        need=need,
        achievement=achievement,
        user=user,
        defaults={
            "organization": organization,
            "verdict": verdict,
            "reason": reason if verdict == MatchFeedback.Verdict.NOT_RELEVANT else "",
            "note": note.strip(),
        },
    )
    return feedback


@transaction.atomic
def save_search(*, user, name: str, query: str = "", filters: dict | None = None) -> SavedSearch:
    name = (name or query or _("我的检索")).strip()[:80]
    return SavedSearch.objects.create(
        user=user, name=name, query=query.strip()[:200], filters=filters or {}
    )


def send_saved_search_digests(*, now=None) -> int:
    """Email each saved search's new hits since its last digest; returns emails sent."""
    from django.core.mail import send_mail

    from .selectors import search_listings

    now = now or timezone.now()
    sent = 0
    for saved in SavedSearch.objects.select_related("user"):
        since = saved.last_notified_at or saved.created_at
        result = search_listings(query=saved.query, filters=saved.filters, sort="newest")
        fresh = [
            h for h in result.hits if h["published_at"] and h["published_at"] > since.isoformat()
        ]
        if fresh and saved.user.email:
            lines = [f"· {h['title']}  {h['url']}" for h in fresh[:20]]
            send_mail(
                _("“%(name)s”有 %(n)s 条新结果") % {"name": saved.name, "n": len(fresh)},
                "\n".join(lines),
                None,
                [saved.user.email],
            )
            sent += 1
        SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=now)
    return sent


def strong_matches(listing) -> list:
    from .matching import matches_for

    return [
        m
        for rank, m in enumerate(matches_for(listing, limit=STRONG_LIMIT))
        if (rank == 0 or m.score >= STRONG_RELATIVE_SCORE) and any("共同关键词" in w for w in m.why)
    ]


def notify_strong_matches(*, listing) -> int:
    """On publish: tell owners of strong counterpart matches and the industry's brokers."""
    from accounts.models import BrokerProfile, Membership
    from notifications.services import notify

    from .selectors import listing_url

    matches = strong_matches(listing)
    if not matches:
        return 0
    source_url = listing_url(
        "achievements" if isinstance(listing, Achievement) else "needs", listing.pk
    )
    count = 0
    recipients = {}
    model = Need if isinstance(listing, Achievement) else Achievement
    for m in matches:
        counterpart = model.objects.filter(pk=m.pk).first()
        if counterpart is None:
            continue
        for membership in Membership.objects.filter(
            organization_id=counterpart.organization_id
        ).select_related("user"):
            recipients.setdefault(membership.user.pk, (membership.user, m))
    brokers = BrokerProfile.objects.filter(
        certification_status=BrokerProfile.Certification.CERTIFIED,
        specialties=listing.industry,
    ).select_related("user")
    for broker in brokers:
        recipients.setdefault(broker.user.pk, (broker.user, matches[0]))
    for user, m in recipients.values():
        notify(
            user=user,
            event="match_found",
            title=_("新的匹配：%(title)s") % {"title": listing.title},
            body="；".join(m.why),
            url=source_url,
            obj=listing,
        )
        count += 1
    return count
