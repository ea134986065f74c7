"""Wagtail seeds its trees, groups and default workflow with English names ("Root", "Editors",
"Moderators", "Moderators approval"), which staff then read in the Chinese admin ("Exploring:
Root", "提交给Moderators approval", the group list). Give them Chinese names; anything someone
already renamed is left alone."""

from django.db import migrations

PAGE_ROOT = "根目录"
COLLECTION_ROOT = "全部文件"
GROUPS = {"Editors": "编辑", "Moderators": "审核员"}
APPROVAL = ("Moderators approval", "审核员审批")


def rename(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Page.objects.filter(depth=1, title="Root").update(title=PAGE_ROOT, draft_title=PAGE_ROOT)
    Collection.objects.filter(depth=1, name="Root").update(name=COLLECTION_ROOT)
    for english, chinese in GROUPS.items():
        if not Group.objects.filter(name=chinese).exists():
            Group.objects.filter(name=english).update(name=chinese)
    english, chinese = APPROVAL
    Workflow.objects.filter(name=english).update(name=chinese)
    Task.objects.filter(name=english).update(name=chinese)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("cms", "0006_challenge_choices_from_the_challenge_model"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
