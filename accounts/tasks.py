"""Background emails for account events; enqueued on commit with primary keys only."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import BrokerProfile, Invitation, Membership, Organization
from .selectors import active_staff


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template: str, context: dict, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


def _org_admin_emails(org: Organization) -> list[str]:
    admins = org.memberships.filter(role__in=Membership.ADMIN_ROLES)
    return [m.user.email for m in admins.select_related("user")]


@task()
def send_verification_decision(organization_id: int) -> None:
    org = Organization.objects.get(pk=organization_id)
    context = {
        "organization": org,
        "approved": org.is_verified,
        "settings_url": _absolute(reverse("accounts:org_verification", args=[org.pk])),
    }
    _send("verification_decision", context, _org_admin_emails(org))


@task()
def send_broker_decision(broker_profile_id: int, approved: bool | None = None) -> None:
    profile = BrokerProfile.objects.select_related("user").get(pk=broker_profile_id)
    context = {
        "profile": profile,
        # Refused new industries leave the profile certified: the decision, not the status.
        "approved": profile.is_certified if approved is None else approved,
        "edit_url": _absolute(reverse("accounts:broker_edit")),
    }
    _send("broker_decision", context, [profile.user.email])


@task()
def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organization", "invited_by").get(
        pk=invitation_id
    )
    context = {
        "invitation": invitation,
        "accept_url": _absolute(reverse("accounts:invitation_accept", args=[invitation.token])),
    }
    _send("invitation", context, [invitation.email])


@task()
def notify_staff_of_verification_request(organization_id: int) -> None:
    org = Organization.objects.get(pk=organization_id)
    staff = active_staff().values_list("email", flat=True)
    context = {"organization": org, "review_url": _absolute("/admin/accounts/verification/")}
    _send("verification_requested", context, list(staff))
