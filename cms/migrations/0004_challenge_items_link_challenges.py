"""Challenge calls list 揭榜挂帅 challenges (challenges.Challenge), not marketplace needs.

An item whose need was promoted to a challenge keeps its place, now pointing at that challenge;
other items are dropped (a need is not a challenge with a review and a bounty deposit).
"""

import django.db.models.deletion
from django.db import migrations, models


def link_promoted_challenges(apps, schema_editor):
    item_model = apps.get_model("cms", "ChallengeCallItem")
    challenge_model = apps.get_model("challenges", "Challenge")
    for item in item_model.objects.all():
        challenge = challenge_model.objects.filter(source_need_id=item.need_id).first()
        if challenge is None:
            item.delete()
        else:
            item.challenge_id = challenge.pk
            item.save(update_fields=["challenge"])


class Migration(migrations.Migration):
    dependencies = [
        ("challenges", "0001_initial"),
        ("cms", "0003_portal_pages"),
    ]

    operations = [
        migrations.AddField(
            model_name="challengecallitem",
            name="challenge",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="challenges.challenge",
                verbose_name="揭榜项目",
            ),
        ),
        migrations.RunPython(link_promoted_challenges, migrations.RunPython.noop),
        migrations.RemoveField(model_name="challengecallitem", name="need"),
        migrations.AlterField(
            model_name="challengecallitem",
            name="challenge",
            field=models.ForeignKey(
                help_text="只列出已提交审核或已发布的揭榜挂帅榜单；未发布的项目不会显示在页面上。",
                limit_choices_to={
                    "status__in": [
                        "submitted",
                        "published",
                        "closed",
                        "under_review",
                        "announced",
                        "awarded",
                        "in_progress",
                        "completed",
                        "failed",
                    ]
                },
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="challenges.challenge",
                verbose_name="揭榜项目",
            ),
        ),
    ]
