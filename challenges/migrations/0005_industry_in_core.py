import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Industry moved to core keeping its table: only the state changes."""

    dependencies = [
        ('challenges', '0004_chief_scientist_and_stage_gate'),
        ('core', '0001_industry'),
    ]
    # Before marketplace forgets its Industry, no field may still point at it.
    run_before = [('marketplace', '0008_industry_in_core')]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='challenge',
                    name='industry',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.industry', verbose_name='产业'),
                ),
            ],
        ),
    ]
