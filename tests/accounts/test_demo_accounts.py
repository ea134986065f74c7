import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from accounts.models import BrokerProfile, ExpertProfile, Organization, User

pytestmark = pytest.mark.django_db


def test_demo_has_certified_broker_expert_pending_org_and_mfa_for_staff(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert BrokerProfile.objects.get(user__email="chen.broker@demo.linyi").is_certified
    assert ExpertProfile.objects.filter(user__email="expert.sun@demo.linyi").exists()
    pending = Organization.objects.get(verification_status="pending")
    assert pending.verification_documents.count() == 1
    for email in ("admin@demo.linyi", "chen.broker@demo.linyi"):
        assert Authenticator.objects.filter(user__email=email, type="totp").exists()
        assert f"{email}" in out
    assert "评审专家" in out and "TOTP secret" in out
    ours = ("expert.sun@demo.linyi", "zhou.pending@demo.linyi", "admin@demo.linyi")
    assert User.objects.filter(email__in=ours).count() == 3


def test_demo_totp_prints_a_code_only_for_demo_accounts(capsys):
    from django.core.management.base import CommandError

    call_command("load_demo")
    capsys.readouterr()
    call_command("demo_totp", "admin@demo.linyi")
    assert capsys.readouterr().out.strip().isdigit()
    with pytest.raises(CommandError):
        call_command("demo_totp", "someone@example.cn")
