from django.db import migrations

# The twelve industries of the import format; codes are fixed, names are editable by staff.
INDUSTRIES = [
    ("wood_furniture", "木业家居", "Wood & furniture"),
    ("food", "食品", "Food"),
    ("machinery", "机械装备", "Machinery & equipment"),
    ("metallurgy_materials", "冶金与新材料", "Metallurgy & new materials"),
    ("chemicals", "化工", "Chemicals"),
    ("pharma_health", "医药健康", "Pharma & health"),
    ("building_materials", "建材", "Building materials"),
    ("textiles", "纺织服装", "Textiles & apparel"),
    ("logistics", "商贸物流", "Trade & logistics"),
    ("agriculture", "现代农业", "Modern agriculture"),
    ("energy_environment", "新能源与节能环保", "New energy & environment"),
    ("digital", "电子信息与数字经济", "Electronics & digital economy"),
]


def seed(apps, schema_editor):
    Industry = apps.get_model("marketplace", "Industry")
    for order, (code, name, name_en) in enumerate(INDUSTRIES):
        Industry.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
