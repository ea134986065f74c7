import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def industries(db):
    """Transactional (browser) tests flush the tables that migrations seeded; seed them again."""
    from importlib import import_module

    from django.apps import apps

    import_module("marketplace.migrations.0002_seed_industries").seed(apps, None)
