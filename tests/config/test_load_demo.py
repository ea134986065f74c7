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
    from challenges.models import Challenge
    from marketplace.models import Achievement

    call_command("load_demo")
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == {choice.value for choice in Organization.Kind}
    assert User.objects.filter(is_staff=True).exists()
    assert Achievement.objects.filter(status="published").count() >= 5
    assert Challenge.objects.filter(source_need__status="published").exists()
    printed = capsys.readouterr().out
    assert "linyi-demo-2026" in printed
    assert "admin@demo.linyi" in printed


def test_load_demo_is_idempotent():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first


@pytest.mark.django_db(transaction=True)  # mail goes out on commit, as in `make run`
def test_load_demo_prints_the_accounts_and_a_summary_but_no_mail(capsys, settings, home_page):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as in dev
    call_command("load_demo")
    printed = capsys.readouterr()
    assert "Subject:" not in printed.out and "Subject:" not in printed.err
    assert "e-mail(s) from the demo were not sent" in printed.out
    assert "admin@demo.linyi" in printed.out
    assert len(printed.out.splitlines()) < 80
