"""ChallengeEvent rows move into the one activity log (core.ActivityEntry); the model retires."""

from django.db import migrations


def copy_events(apps, schema_editor):
    ChallengeEvent = apps.get_model("challenges", "ChallengeEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ActivityEntry = apps.get_model("core", "ActivityEntry")
    if not ChallengeEvent.objects.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(
        app_label="challenges", model="challenge"
    )
    entries = []
    for event in ChallengeEvent.objects.order_by("at", "id").iterator():
        data = {"field": "status", "from": event.from_status, "to": event.to_status}
        data["note"] = event.note
        entries.append(
            ActivityEntry(
                content_type_id=content_type.pk,
                object_id=event.challenge_id,
                action=f"challenge.{event.action}",
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
        ("challenges", "0005_industry_in_core"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="ChallengeEvent"),
    ]
