"""Wagtail seeds its page tree and collection tree with roots called "Root", which staff then
read in the admin ("Exploring: Root", the collection chooser). Give them Chinese names; a root
someone already renamed is left alone."""

from django.db import migrations

PAGE_ROOT = "根目录"
COLLECTION_ROOT = "全部文件"


def rename_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=PAGE_ROOT, draft_title=PAGE_ROOT)
    Collection.objects.filter(depth=1, name="Root").update(name=COLLECTION_ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("cms", "0006_challenge_choices_from_the_challenge_model"),
    ]

    operations = [migrations.RunPython(rename_roots, migrations.RunPython.noop)]
