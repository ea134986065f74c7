"""ListingEvent rows move into the one activity log (core.ActivityEntry); the model retires."""

from django.db import migrations


def copy_events(apps, schema_editor):
    ListingEvent = apps.get_model("marketplace", "ListingEvent")
    ActivityEntry = apps.get_model("core", "ActivityEntry")
    entries = []
    for event in ListingEvent.objects.order_by("at", "id").iterator():
        data = {"field": "status", "from": event.from_status, "to": event.to_status}
        data["note"] = event.note
        entries.append(
            ActivityEntry(
                content_type_id=event.content_type_id,
                object_id=event.object_id,
                action=f"listing.{event.action}",
                actor_id=event.by_id,
                data={k: v for k, v in data.items() if v},
                at=event.at,
            )
        )
    ActivityEntry.objects.bulk_create(entries, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_activity_log"),
        ("marketplace", "0008_industry_in_core"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="ListingEvent"),
    ]
