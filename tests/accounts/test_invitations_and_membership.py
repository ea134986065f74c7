import re

import pytest
from django.core import mail

from accounts.models import AuditEvent, Invitation, Membership
from tests.accounts.factories import member_of
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(name="沂蒙理工学院")


@pytest.fixture
def invite(client, committed):
    def post(client, org, email, role="member"):
        with committed():
            return client.post(f"/orgs/{org.pk}/members/", {"email": email, "role": role})

    return post


def accept_path():
    return re.search(r"/invitations/[\w-]+/", mail.outbox[-1].body).group(0)


def test_admin_invites_by_email_and_the_invitee_joins(client, org, invite):
    admin = member_of(org, Membership.Role.ADMIN)
    client.force_login(admin)
    assert invite(client, org, "New.Teacher@lyu.example.cn").status_code == 302
    assert mail.outbox[-1].to == ["new.teacher@lyu.example.cn"]
    assert "沂蒙理工学院" in mail.outbox[-1].subject
    path = accept_path()

    invitee = UserFactory(email="new.teacher@lyu.example.cn")
    client.force_login(invitee)
    assert "接受邀请" in client.get(path).content.decode()
    client.post(path)
    assert Membership.objects.get(user=invitee, organization=org).role == "member"
    assert Invitation.objects.get().accepted_at is not None
    assert AuditEvent.objects.filter(kind="member_joined", actor=invitee).exists()
    # A used invitation cannot be used again.
    assert "邀请已失效" in client.post(path).content.decode()


def test_anonymous_invitees_are_asked_to_log_in_first(client, org, invite):
    client.force_login(member_of(org, Membership.Role.OWNER))
    invite(client, org, "guest@example.cn")
    path = accept_path()
    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/invitations/")


def test_an_invitation_cannot_be_accepted_by_someone_else(client, org, invite):
    client.force_login(member_of(org, Membership.Role.OWNER))
    invite(client, org, "right.person@example.cn")
    path = accept_path()
    intruder = UserFactory(email="wrong.person@example.cn")
    client.force_login(intruder)
    page = client.post(path).content.decode()
    assert "right.person@example.cn" in page
    assert not Membership.objects.filter(user=intruder, organization=org).exists()


def test_plain_members_cannot_invite(client, org, invite):
    client.force_login(member_of(org))
    assert invite(client, org, "x@example.cn").status_code == 403
    assert not Invitation.objects.exists()


def test_only_the_owner_invites_admins(client, org, invite):
    client.force_login(member_of(org, Membership.Role.ADMIN))
    page = client.get(f"/orgs/{org.pk}/members/").content.decode()
    assert 'value="admin"' not in page
    invite(client, org, "would.be.admin@example.cn", role="admin")
    assert not Invitation.objects.filter(role="admin").exists()


def test_admins_remove_members_but_not_other_admins_or_the_owner(client, org, invite):
    admin = member_of(org, Membership.Role.ADMIN)
    other_admin = MembershipFactory(organization=org, role="admin")
    owner = MembershipFactory(organization=org, role="owner")
    plain = MembershipFactory(organization=org, role="member")
    client.force_login(admin)
    assert client.post(f"/orgs/{org.pk}/members/{plain.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=plain.pk).exists()
    assert client.post(f"/orgs/{org.pk}/members/{other_admin.pk}/remove/").status_code == 403
    assert client.post(f"/orgs/{org.pk}/members/{owner.pk}/remove/").status_code == 403
    assert Membership.objects.filter(pk__in=[other_admin.pk, owner.pk]).count() == 2
    assert AuditEvent.objects.filter(kind="member_removed", target_user=plain.user).exists()


def test_the_owner_promotes_a_member_and_the_change_is_audited(client, org, invite):
    owner = member_of(org, Membership.Role.OWNER)
    plain = MembershipFactory(organization=org, role="member")
    client.force_login(owner)
    client.post(f"/orgs/{org.pk}/members/{plain.pk}/role/", {"role": "admin"})
    plain.refresh_from_db()
    assert plain.role == "admin"
    event = AuditEvent.objects.get(kind="role_changed")
    assert (event.actor, event.target_user, event.detail) == (
        owner,
        plain.user,
        {"from": "member", "to": "admin"},
    )


def test_admins_cannot_change_roles(client, org, invite):
    client.force_login(member_of(org, Membership.Role.ADMIN))
    plain = MembershipFactory(organization=org, role="member")
    assert (
        client.post(f"/orgs/{org.pk}/members/{plain.pk}/role/", {"role": "admin"}).status_code
        == 403
    )


def test_the_owner_transfers_ownership_and_stays_as_admin(client, org, invite):
    owner = member_of(org, Membership.Role.OWNER)
    successor = MembershipFactory(organization=org, role="member")
    client.force_login(owner)
    client.post(f"/orgs/{org.pk}/transfer/", {"membership": successor.pk})
    roles = dict(Membership.objects.filter(organization=org).values_list("user_id", "role"))
    assert roles == {owner.pk: "admin", successor.user_id: "owner"}
    assert AuditEvent.objects.filter(kind="ownership_transferred").exists()


def test_admins_cannot_transfer_ownership(client, org, invite):
    admin = member_of(org, Membership.Role.ADMIN)
    MembershipFactory(organization=org, role="owner")
    client.force_login(admin)
    response = client.post(
        f"/orgs/{org.pk}/transfer/",
        {"membership": Membership.objects.get(user=admin).pk},
    )
    assert response.status_code == 403


def test_revoked_invitations_cannot_be_accepted(client, org, invite):
    client.force_login(member_of(org, Membership.Role.OWNER))
    invite(client, org, "late@example.cn")
    path = accept_path()
    invitation = Invitation.objects.get()
    client.post(f"/orgs/{org.pk}/invitations/{invitation.pk}/revoke/")
    client.force_login(UserFactory(email="late@example.cn"))
    assert "邀请已失效" in client.post(path).content.decode()
