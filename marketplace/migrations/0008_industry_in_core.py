import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    """Admin history and permissions of Industry keep pointing at it under its new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="industry").exists():
        ContentType.objects.filter(app_label="marketplace", model="industry").update(
            app_label="core"
        )


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="marketplace", model="industry").exists():
        ContentType.objects.filter(app_label="core", model="industry").update(
            app_label="marketplace"
        )


class Migration(migrations.Migration):
    """Industry moved to core (core 0001) keeping its table `marketplace_industry`: the listings'
    foreign keys already point at that table, so only the state changes and no row moves.
    brokerage and challenges repoint their fields first (their migrations run_before this)."""

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_industry'),
        ('marketplace', '0007_inquiry_replies'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='need',
                    name='industry',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.industry', verbose_name='产业'),
                ),
                migrations.AlterField(
                    model_name='achievement',
                    name='industry',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.industry', verbose_name='产业'),
                ),
                migrations.DeleteModel(name='Industry'),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
