"""Deletion that happens: after the cooling-off period nothing personal of the user remains,
they cannot sign in, and the records the law or contracts require are kept, anonymised."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from accounts.models import AccountDeletionRequest, AuditEvent, User
from accounts.services import (
    erase_due_accounts,
    record_event,
    request_account_deletion,
    withdraw_account_deletion,
)
from brokerage.models import TechContract
from core.management.commands.run_job import run_locked
from core.schedule import load_jobs
from notifications.models import Notification
from payments.models import Payment
from tests.accounts.factories import BrokerProfileFactory, ExpertProfileFactory, with_totp
from tests.brokerage.factories import EngagementFactory, InquiryFactory, contract_fields
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.payments.factories import PaymentFactory

pytestmark = pytest.mark.django_db

EMAIL, NAME, PHONE = "wang.xiaoming@example.cn", "王小明", "13912345678"
PASSWORD = "pass-1234-word"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def a_person_with_a_history():
    """Someone who has used most of the portal: profiles, an organization they are the contact
    of, a second factor, a session, messages, an inquiry, a payment and a registered contract."""
    user = with_totp(UserFactory(email=EMAIL, name=NAME, phone=PHONE))
    ExpertProfileFactory(user=user, expertise=f"{NAME}：人造板胶黏剂")
    BrokerProfileFactory(user=user, bio=f"联系{NAME}", public_phone=PHONE)
    org = OrganizationFactory(contact_name=NAME, contact_phone=PHONE, contact_email=EMAIL)
    MembershipFactory(user=user, organization=org)
    Notification.objects.create(user=user, event="test", title=f"{NAME}，您好", body=EMAIL)
    InquiryFactory(user=user, message=f"请致电 {PHONE}")
    PaymentFactory(payer=user, status=Payment.Status.SUCCEEDED)
    engagement = EngagementFactory(lead_broker=user, created_by=user)
    TechContract.objects.create(engagement=engagement, created_by=user, **contract_fields())
    record_event(kind=AuditEvent.Kind.LOGIN, actor=user, detail={"who": EMAIL, "name": NAME})
    record_event(kind=AuditEvent.Kind.LOGIN_FAILED, actor_email=EMAIL)
    return user


def the_cooling_off_ends(request):
    AccountDeletionRequest.objects.filter(pk=request.pk).update(
        erase_after=timezone.now() - timedelta(seconds=1)
    )


def rows_pointing_at(user):
    """Every row of every model with a relation to the user, with that relation to them."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is User:
                yield from model._default_manager.filter(**{field.name: user}).distinct()
    yield User.objects.get(pk=user.pk)


def personal_strings_in(row) -> list[str]:
    found = []
    for field in row._meta.concrete_fields:
        if isinstance(field, TEXT_FIELDS):
            text = str(field.value_from_object(row)).lower()
            found += [f"{row._meta.label}.{field.name}" for s in (EMAIL, NAME, PHONE) if s in text]
    return found


def test_after_the_cooling_off_period_nothing_personal_of_the_user_remains():
    user = a_person_with_a_history()
    request = request_account_deletion(user=user, reason=f"我是{NAME}")
    the_cooling_off_ends(request)

    assert erase_due_accounts() == 1

    leftovers = [hit for row in rows_pointing_at(user) for hit in personal_strings_in(row)]
    assert leftovers == []
    assert not AuditEvent.objects.filter(actor_email__iexact=EMAIL).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()


def test_an_erased_account_cannot_sign_in_and_its_sessions_are_gone(client):
    user = a_person_with_a_history()
    client.force_login(user)
    the_cooling_off_ends(request_account_deletion(user=user))

    erase_due_accounts()

    user.refresh_from_db()
    assert (user.is_active, user.has_usable_password()) == (False, False)
    assert user.email.endswith("@erased.invalid")
    signed_in = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in signed_in
    assert client.get("/me/security/").status_code == 302
    assert client.login(email=EMAIL, password=PASSWORD) is False
    response = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_contracts_payments_and_the_audit_log_are_kept_pointing_at_the_anonymised_user():
    user = a_person_with_a_history()
    the_cooling_off_ends(request_account_deletion(user=user))

    erase_due_accounts()

    assert TechContract.objects.get().created_by == user
    assert Payment.objects.get().payer == user
    kinds = set(AuditEvent.objects.filter(actor=user).values_list("kind", flat=True))
    assert {"login", "deletion_requested"} <= kinds
    assert AuditEvent.objects.filter(kind="account_erased", target_user=user).exists()
    assert AccountDeletionRequest.objects.get().status == "done"


def test_withdrawing_during_the_cooling_off_period_keeps_everything():
    user = a_person_with_a_history()
    request = request_account_deletion(user=user)
    withdraw_account_deletion(user=user)
    the_cooling_off_ends(request)

    assert erase_due_accounts() == 0

    user.refresh_from_db()
    assert (user.email, user.name, user.phone, user.is_active) == (EMAIL, NAME, PHONE, True)
    assert user.check_password(PASSWORD)
    assert AccountDeletionRequest.objects.get().status == "withdrawn"


def test_the_job_does_nothing_before_the_period_ends():
    user = a_person_with_a_history()
    request = request_account_deletion(user=user)

    assert erase_due_accounts() == 0
    assert erase_due_accounts(now=request.erase_after - timedelta(minutes=1)) == 0

    user.refresh_from_db()
    assert (user.email, user.is_active) == (EMAIL, True)
    assert Notification.objects.filter(user=user).exists()


@override_settings(ACCOUNTS_DELETION_COOLING_OFF_DAYS=15)
def test_the_cooling_off_period_is_the_setting():
    request = request_account_deletion(user=UserFactory())
    waited = request.erase_after - request.created_at
    assert timedelta(days=15) - timedelta(seconds=5) < waited <= timedelta(days=15)


def test_the_scheduled_job_erases_once_and_a_second_run_changes_nothing():
    user = a_person_with_a_history()
    the_cooling_off_ends(request_account_deletion(user=user))
    assert "erase_deleted_accounts" in {job.command for job in load_jobs()}

    assert run_locked("erase_deleted_accounts") is True
    erased_as = User.objects.get(pk=user.pk).email
    call_command("erase_deleted_accounts")

    assert User.objects.get(pk=user.pk).email == erased_as
    assert AuditEvent.objects.filter(kind="account_erased").count() == 1


def test_a_user_withdraws_from_the_security_page(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/me/delete/", {"reason": "", "confirm": "on"})
    assert "冷静期至" in client.get("/me/security/").content.decode()

    client.post("/me/delete/withdraw/")

    assert AccountDeletionRequest.objects.get().status == "withdrawn"
    assert AuditEvent.objects.filter(kind="deletion_withdrawn", actor=user).exists()


def test_withdrawing_is_a_post_only_action(client):
    user = UserFactory()
    request_account_deletion(user=user)
    client.force_login(user)
    assert client.get("/me/delete/withdraw/").status_code == 405
    assert AccountDeletionRequest.objects.get().status == "pending"
