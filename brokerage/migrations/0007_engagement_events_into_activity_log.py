"""EngagementEvent rows move into the one activity log (core.ActivityEntry); the model retires."""

from django.db import migrations


def copy_events(apps, schema_editor):
    EngagementEvent = apps.get_model("brokerage", "EngagementEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ActivityEntry = apps.get_model("core", "ActivityEntry")
    if not EngagementEvent.objects.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="brokerage", model="engagement"
    )
    entries = []
    for event in EngagementEvent.objects.order_by("at", "id").iterator():
        data = {"note": event.note}
        if event.to_stage:  # a stage change; other milestones carry only their note
            data.update({"field": "stage", "from": event.from_stage, "to": event.to_stage})
        entries.append(
            ActivityEntry(
                content_type_id=content_type.pk,
                object_id=event.engagement_id,
                action=f"engagement.{event.action}",
                actor_id=event.by_id,
                data={k: v for k, v in data.items() if v},
                at=event.at,
            )
        )
    ActivityEntry.objects.bulk_create(entries, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_activity_log"),
        ("brokerage", "0006_industry_in_core"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="EngagementEvent"),
    ]
