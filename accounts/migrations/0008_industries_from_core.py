from django.db import migrations, models

import core.migration_operations


class Migration(migrations.Migration):
    """The profiles' industries, pointing at core.Industry (see 0002 and 0006).

    A database migrated before Industry moved already has the three join tables, pointing at the
    same table `marketplace_industry`: they and their rows are kept as they are. A fresh
    database gets them here."""

    dependencies = [
        ('accounts', '0007_deletion_cooling_off'),
        ('core', '0001_industry'),
    ]

    operations = [
        core.migration_operations.AddManyToManyUnlessPresent(
            model_name='brokerprofile',
            name='specialties',
            field=models.ManyToManyField(blank=True, related_name='+', to='core.industry', verbose_name='擅长产业'),
        ),
        core.migration_operations.AddManyToManyUnlessPresent(
            model_name='brokerprofile',
            name='requested_specialties',
            field=models.ManyToManyField(blank=True, related_name='+', to='core.industry', verbose_name='待认证的擅长产业'),
        ),
        core.migration_operations.AddManyToManyUnlessPresent(
            model_name='expertprofile',
            name='fields',
            field=models.ManyToManyField(blank=True, related_name='+', to='core.industry', verbose_name='评审领域'),
        ),
    ]
