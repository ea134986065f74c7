"""Pages become translatable (WAGTAIL_I18N_ENABLED): the existing tree is the Chinese one.

Wagtail's own migrations gave every page the locale of LANGUAGE_CODE; this makes sure both
content locales exist (zh-hans, the default, and en) and that every page sits in zh-hans,
whatever locale an earlier setting may have created.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    chinese, _ = Locale.objects.get_or_create(language_code="zh-hans")
    english, _ = Locale.objects.get_or_create(language_code="en")
    Page.objects.exclude(locale__in=[chinese, english]).update(locale=chinese)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_english_site_settings"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
