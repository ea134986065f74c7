import importlib

import pytest


@pytest.fixture(autouse=True)
def industries(request):
    """Transactional tests flush the industries the migration seeded; put them back."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("django_db_blocker")
    seed = importlib.import_module("marketplace.migrations.0002_seed_industries")
    from marketplace.models import Industry

    for order, (code, name, name_en) in enumerate(seed.INDUSTRIES):
        Industry.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
