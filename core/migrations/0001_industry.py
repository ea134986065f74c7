from django.db import migrations, models

import core.migration_operations


class Migration(migrations.Migration):
    """Industry moves here from marketplace, keeping its table `marketplace_industry`.

    A database migrated before the move has the table and its rows (marketplace 0001/0002 made
    them): nothing is created and nothing is copied. A fresh database gets the table from this
    migration or from marketplace 0001, whichever runs first. Reversing keeps the table, which
    belongs to marketplace's history."""

    initial = True

    dependencies = []

    operations = [
        core.migration_operations.CreateModelUnlessPresent(
            name="Industry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="代码")),
                ("name", models.CharField(max_length=40, verbose_name="名称")),
                ("name_en", models.CharField(blank=True, max_length=80, verbose_name="英文名称")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
            ],
            options={
                "verbose_name": "产业",
                "verbose_name_plural": "产业",
                "db_table": "marketplace_industry",
                "ordering": ["order", "code"],
            },
            owns_table=False,
        ),
    ]
