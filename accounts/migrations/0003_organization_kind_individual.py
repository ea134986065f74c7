from django.db import migrations, models


def individual_inventors(apps, schema_editor):
    """Earlier imports filed owner_type "individual" as enterprise; the names say who they are."""
    Organization = apps.get_model("accounts", "Organization")
    Organization.objects.filter(name__startswith="个人发明人", kind="enterprise").update(
        kind="individual"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles_verification_audit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="kind",
            field=models.CharField(
                choices=[
                    ("university", "高等院校"),
                    ("institute", "科研院所"),
                    ("enterprise", "企业"),
                    ("agency", "服务机构"),
                    ("government", "政府部门"),
                    ("individual", "个人发明人"),
                ],
                max_length=20,
                verbose_name="机构类型",
            ),
        ),
        migrations.RunPython(individual_inventors, migrations.RunPython.noop),
    ]
