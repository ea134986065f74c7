"""Writes of the search app: match feedback, saved searches, match notifications."""

import logging
from datetime import UTC, datetime, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import registry
from .models import MatchFeedback, SavedSearch

log = logging.getLogger(__name__)

# A match is "strong" (worth a notification) when the matcher calls it so (Match.strength: the
# learned ranker's calibrated threshold, or without a model the formula's score reaching
# STRONG_SCORE, engine.STRONG_FORMULA) and both texts share citable terms (the "shared_terms"
# feature the explanation cites).
# Calibrated on the labelled development set (bench/matching_quality): at 0.9, 77% of the pairs
# that would be notified are graded relevant, about two per listing; at 0.8 only 61%.
STRONG_SCORE = 0.9
STRONG_LIMIT = 3

FEEDBACK_PERMISSION = "portal_search.give_match_feedback"
# Feedback is kept for (need, achievement) pairs: each side's counterpart.
COUNTERPART_FIELD = {"need": "achievement", "achievement": "need"}
NOTE_MAX_LENGTH = 500
MAX_SAVED_SEARCHES = 30
DIGEST_MAX = 20
DAILY_PERIOD = timedelta(hours=20)
WEEKLY_PERIOD = timedelta(days=6, hours=20)


@transaction.atomic
def record_match_feedback(
    *,
    need,
    achievement,
    user,
    verdict: str,
    organization=None,
    reason: str = "",
    note: str = "",
) -> MatchFeedback:
    """Store (or replace) one viewer's verdict on a pair; "not relevant" needs a coded reason."""
    note = (note or "").strip()
    if verdict not in MatchFeedback.Verdict.values:
        raise ValidationError(_("请选择“相关”或“不相关”"), code="verdict")
    if verdict == MatchFeedback.Verdict.NOT_RELEVANT:
        if reason not in MatchFeedback.Reason.values:
            raise ValidationError(_("请选择不相关的原因"), code="reason")
        if reason == MatchFeedback.Reason.OTHER and not note:
            raise ValidationError(_("选择“其他”时请填写说明"), code="note")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("说明不能超过 %(n)s 个字") % {"n": NOTE_MAX_LENGTH}, code="note_length"
        )
    feedback, _created = MatchFeedback.objects.update_or_create(
        need=need,
        achievement=achievement,
        user=user,
        defaults={
            "organization": organization,
            "verdict": verdict,
            "reason": reason if verdict == MatchFeedback.Verdict.NOT_RELEVANT else "",
            "note": note,
        },
    )
    return feedback


def give_match_feedback(
    *, listing, counterpart_id: int, by, verdict: str, reason: str = "", note: str = ""
) -> MatchFeedback:
    """Feedback on a match card of `listing`'s page: the viewer must belong to the listing's
    organization (or be staff); the verdict is recorded for that organization, so a dismissed
    counterpart is no longer suggested for this listing."""
    if not by.has_perm(FEEDBACK_PERMISSION, listing):
        raise PermissionDenied(_("只有发布机构的成员可以反馈匹配结果"))
    mine = registry.of(listing).feedback_field  # "need" or "achievement"
    theirs = COUNTERPART_FIELD[mine]
    counterpart = registry.named(theirs).published().filter(pk=counterpart_id).first()
    if counterpart is None:
        raise ValidationError(_("该推荐已下线，无需反馈"), code="gone")
    return record_match_feedback(
        **{mine: listing, theirs: counterpart},
        user=by,
        organization=listing.organization,
        verdict=verdict,
        reason=reason,
        note=note,
    )


def clean_filters(filters: dict | None) -> dict:
    """Only known facets with non-empty values, each as a list of strings."""
    from .selectors import FACETS

    out = {}
    for name, values in (filters or {}).items():
        if name not in FACETS:
            continue
        values = [values] if isinstance(values, str) else list(values or [])
        values = [str(v)[:60] for v in values if v][:20]
        if values:
            out[name] = values
    return out


def _clean_name(name: str, query: str) -> str:
    name = (name or query or "").strip()[:80]
    return name or _("我的检索")


@transaction.atomic
def save_search(
    *,
    user,
    name: str,
    query: str = "",
    filters: dict | None = None,
    frequency: str = SavedSearch.Frequency.DAILY,
) -> SavedSearch:
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError(_("请选择推送频率"), code="frequency")
    filters = clean_filters(filters)
    query = (query or "").strip()[:200]
    if not query and not filters:
        raise ValidationError(_("请先输入关键词或选择筛选条件再保存"), code="empty")
    if user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("最多保存 %(n)s 个订阅，请先删除不用的订阅") % {"n": MAX_SAVED_SEARCHES},
            code="too_many",
        )
    return SavedSearch.objects.create(
        user=user,
        name=_clean_name(name, query),
        query=query,
        filters=filters,
        frequency=frequency,
    )


def _own(saved: SavedSearch, by) -> None:
    if saved.user_id != by.pk:
        raise PermissionDenied(_("这不是您的订阅"))


@transaction.atomic
def update_saved_search(
    *, saved_search: SavedSearch, by, name: str | None = None, frequency: str | None = None
) -> SavedSearch:
    """Rename a saved search or change how often its digest comes."""
    _own(saved_search, by)
    if name is not None:
        saved_search.name = _clean_name(name, saved_search.query)
    if frequency is not None:
        if frequency not in SavedSearch.Frequency.values:
            raise ValidationError(_("请选择推送频率"), code="frequency")
        saved_search.frequency = frequency
    saved_search.save(update_fields=["name", "frequency"])
    return saved_search


@transaction.atomic
def delete_saved_search(*, saved_search: SavedSearch, by) -> None:
    _own(saved_search, by)
    saved_search.delete()


def _is_due(saved: SavedSearch, now) -> bool:
    if saved.frequency == SavedSearch.Frequency.PAUSED:
        return False
    if saved.last_notified_at is None:
        return True
    # Slack below the nominal period, so a daily cron that runs a few minutes early still sends.
    period = WEEKLY_PERIOD if saved.frequency == SavedSearch.Frequency.WEEKLY else DAILY_PERIOD
    return now - saved.last_notified_at >= period


def _published_after(hit: dict, since) -> bool:
    value = hit.get("published_at")
    if not value:
        return False
    published = datetime.fromisoformat(value)
    if timezone.is_naive(published):
        published = timezone.make_aware(published, UTC)
    return published > since


def send_saved_search_digests(*, now=None) -> int:
    """Queue one digest email per due saved search with new hits since its last digest;
    returns how many were queued. Run daily (`manage.py send_search_digests`)."""
    from .selectors import search_listings
    from .tasks import send_saved_search_digest_task

    now = now or timezone.now()
    queued = 0
    for saved in SavedSearch.objects.select_related("user").order_by("pk"):
        if not _is_due(saved, now):
            continue
        since = saved.last_notified_at or saved.created_at
        filters = dict(saved.filters or {})
        kinds = filters.get("kind") or None
        result = search_listings(
            query=saved.query, filters=filters, kinds=kinds, sort="newest", per_page=50
        )
        fresh = [[h["kind"], h["id"]] for h in result.hits if _published_after(h, since)]
        with transaction.atomic():
            SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=now)
            if fresh and saved.user.email and saved.user.is_active:
                transaction.on_commit(
                    partial(send_saved_search_digest_task.enqueue, saved.pk, fresh[:DIGEST_MAX])
                )
                queued += 1
    return queued


def send_saved_search_digest(*, saved_search_id: int, hits: list) -> bool:
    """Email one digest: hits are [index kind, pk] pairs; listings withdrawn since are left out."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from .indexing import model_of

    saved = SavedSearch.objects.select_related("user").filter(pk=saved_search_id).first()
    if saved is None or not saved.user.email:
        return False
    ids: dict[str, list[int]] = {}
    for kind, pk in hits:
        ids.setdefault(model_of(kind, pk)[0], []).append(int(pk))
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    items = [
        {"title": listing.title, "url": base + listing.get_absolute_url()}
        for searchable in registry.all()
        for listing in searchable.published()
        .filter(pk__in=ids.get(searchable.name, []))
        .select_related("organization")
    ]
    if not items:
        return False
    context = {"saved": saved, "items": items, "base_url": base}
    send_mail(
        subject=_("【订阅】“%(name)s”有 %(n)s 条新结果") % {"name": saved.name, "n": len(items)},
        message=render_to_string("search/email/saved_search_digest.txt", context),
        from_email=None,
        recipient_list=[saved.user.email],
    )
    return True


def strong_matches(listing) -> list:
    from .matching import matches_for

    return [
        m
        for m in matches_for(listing, limit=STRONG_LIMIT)
        if m.strength == "strong" and m.features.get("shared_terms")
    ]


def notify_strong_matches(*, listing) -> int:
    """On publish: tell owners of strong counterpart matches and the industry's brokers."""
    from accounts.models import BrokerProfile, Membership
    from notifications.services import notify

    matches = strong_matches(listing)
    if not matches:
        return 0
    source_url = listing.get_absolute_url()
    count = 0
    recipients = {}
    for m in matches:
        # An achievement's matches include challenges-app 榜单 (model "challenge").
        counterpart = registry.named(m.model).model.objects.filter(pk=m.pk).first()
        if counterpart is None:
            continue
        if counterpart.organization_id == listing.organization_id:
            continue  # the publisher's own listings are no news to it
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
            title=gettext_lazy("新的匹配：%(title)s"),
            params={"title": listing.title},
            body="；".join(m.why),
            url=source_url,
            obj=listing,
        )
        count += 1
    return count


def erase_person(*, user, **originals) -> None:
    """Account erasure: saved searches and match feedback are the person's own."""
    SavedSearch.objects.filter(user=user).delete()
    MatchFeedback.objects.filter(user=user).delete()
