import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "marketplace", "cms", "payments", "notifications"}
        and not model._meta.auto_created
    }


def test_load_demo_creates_every_role_and_listings(capsys):
    from accounts.models import Organization, User
    from marketplace.models import Achievement, Need

    call_command("load_demo")
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == {choice.value for choice in Organization.Kind}
    assert User.objects.filter(is_staff=True).exists()
    assert Achievement.objects.filter(status="published").count() >= 5
    assert Need.objects.filter(status="published", kind="challenge").exists()
    printed = capsys.readouterr().out
    assert "linyi-demo-2026" in printed
    assert "admin@demo.linyi" in printed


def test_load_demo_is_idempotent():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
