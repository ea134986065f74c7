import re

import wagtail.fields
from django.db import migrations
from django.utils.html import escape

TAG_RE = re.compile(r"<[a-zA-Z/][^>]*>")


def text_to_html(text: str) -> str:
    # A frozen copy of marketplace.richtext.text_to_html: migrations must not follow app code.
    text = text.replace("\r\n", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


def plain_text_to_paragraphs(apps, schema_editor):
    Achievement = apps.get_model("marketplace", "Achievement")
    for pk, description in Achievement.objects.exclude(description="").values_list(
        "pk", "description"
    ):
        if not TAG_RE.search(description):
            Achievement.objects.filter(pk=pk).update(description=text_to_html(description))


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0003_achievement_annex_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="achievement",
            name="description",
            field=wagtail.fields.RichTextField(
                blank=True, help_text="可用小标题、加粗、列表和链接组织内容", verbose_name="详细介绍"
            ),
        ),
        migrations.RunPython(plain_text_to_paragraphs, migrations.RunPython.noop),
    ]
