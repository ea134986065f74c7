"""Needs of kind "challenge" (or with a bounty) become 揭榜挂帅榜单 linked to them (source_need),
before marketplace 0010 drops Need.kind and Need.bounty_cny: one kind vocabulary, nothing lost.

The fields come from conversion.fields_from_need, as for 转为榜单 (the bounty is the need's, else
its budget; the deadline is the need's at 17:00, else 30 days from today). Every 榜单 is 揭榜制
with the standard rubric. Its status follows the need's:

    published → published (征集中; a past deadline is closed by close_due_challenges)
    pending → submitted (待审核)
    draft, rejected, withdrawn → draft (a rejection's reason kept as the status note)
    expired, archived → cancelled (not public, as the need was not)

A need already promoted to a 榜单 keeps that one. Backwards, each 榜单 with a source need puts
kind "challenge" and its bounty back on the need (the 榜单 stay).
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

from challenges.conversion import fields_from_need

STATUS = {
    "published": "published",
    "pending": "submitted",
    "draft": "draft",
    "rejected": "draft",
    "withdrawn": "draft",
    "expired": "cancelled",
    "archived": "cancelled",
}
# challenges.models.DEFAULT_RUBRIC as it stands here: code, name, weight.
RUBRIC = [("technical", "技术方案", 40), ("team", "团队实力", 25), ("budget", "经费预算", 15)]
RUBRIC += [("feasibility", "可行性", 20)]


def _status_note(need, status: str) -> str:
    if need.status == "rejected" and need.rejection_reason:
        return need.rejection_reason
    if status == "cancelled":
        return "由已过期或归档的揭榜挂帅需求转来"
    return ""


def needs_to_challenges(apps, schema_editor):
    Need = apps.get_model("marketplace", "Need")
    Challenge = apps.get_model("challenges", "Challenge")
    Criterion = apps.get_model("challenges", "RubricCriterion")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ActivityEntry = apps.get_model("core", "ActivityEntry")
    needs = Need.objects.filter(Q(kind="challenge") | Q(bounty_cny__isnull=False))
    promoted = Challenge.objects.filter(source_need__isnull=False).values("source_need")
    needs = needs.exclude(pk__in=promoted)
    if not needs.exists():
        return
    today, now = timezone.localdate(), timezone.now()
    content_type, _created = ContentType.objects.get_or_create(
        app_label="challenges", model="challenge"
    )
    for need in needs.order_by("pk").iterator():
        status = STATUS.get(need.status, "draft")
        challenge = Challenge.objects.create(
            organization_id=need.organization_id,
            industry_id=need.industry_id,
            mechanism="open_call",
            source_need_id=need.pk,
            status=status,
            status_note=_status_note(need, status),
            published_at=(need.published_at or now) if status == "published" else None,
            created_by_id=need.created_by_id,
            **fields_from_need(need, bounty=need.bounty_cny, today=today),
        )
        Criterion.objects.bulk_create(
            Criterion(challenge=challenge, code=code, name=name, weight=weight, order=order)
            for order, (code, name, weight) in enumerate(RUBRIC)
        )
        ActivityEntry.objects.create(
            content_type_id=content_type.pk,
            object_id=challenge.pk,
            action="challenge.promote_need",
            data={"field": "status", "to": status, "note": f"need #{need.pk}（迁移）"},
        )


def challenges_to_needs(apps, schema_editor):
    Need = apps.get_model("marketplace", "Need")
    Challenge = apps.get_model("challenges", "Challenge")
    for challenge in Challenge.objects.filter(source_need__isnull=False).iterator():
        Need.objects.filter(pk=challenge.source_need_id).update(
            kind="challenge", bounty_cny=challenge.bounty_cny
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_activity_log"),
        ("challenges", "0006_challenge_events_into_activity_log"),
        ("marketplace", "0009_listing_events_into_activity_log"),
    ]
    # Marketplace sits below challenges and names none of its migrations: the order is ours.
    run_before = [("marketplace", "0010_retire_need_kind_and_bounty")]

    operations = [migrations.RunPython(needs_to_challenges, challenges_to_needs)]
