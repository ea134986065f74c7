import importlib

import pytest


@pytest.fixture(autouse=True)
def industries(request):
    """The 12 industries come from a data migration; transactional tests elsewhere in the suite
    flush them, so make sure they are there."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        return
    request.getfixturevalue("django_db_setup")
    from marketplace.models import Industry

    seed = importlib.import_module("marketplace.migrations.0002_seed_industries")
    if Industry.objects.count() < len(seed.INDUSTRIES):
        for order, (code, name, name_en) in enumerate(seed.INDUSTRIES):
            Industry.objects.update_or_create(
                code=code, defaults={"name": name, "name_en": name_en, "order": order}
            )
