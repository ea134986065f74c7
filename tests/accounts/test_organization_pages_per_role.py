import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent, Membership, Organization, VerificationDocument
from tests.accounts.factories import member_of, staff_user
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(
        name="临沂测试板业有限公司",
        verification_status=Organization.Verification.UNVERIFIED,
        credit_code="91371300MA3C8X7D1W",
        description="多层板生产企业。",
    )


def test_anyone_can_read_an_organization_public_profile(client, org):
    response = client.get(f"/orgs/{org.pk}/")
    assert response.status_code == 200
    assert "临沂测试板业有限公司" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_for_settings(client, org):
    response = client.get(f"/orgs/{org.pk}/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_outsiders_get_403_and_the_denial_is_audited(client, org):
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(f"/orgs/{org.pk}/settings/").status_code == 403
    assert client.get(f"/orgs/{org.pk}/members/").status_code == 403
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.PERMISSION_DENIED, actor=outsider)
    assert denied.count() == 2
    assert denied.first().organization == org


def test_members_see_settings_read_only_and_cannot_edit(client, org):
    client.force_login(member_of(org))
    page = client.get(f"/orgs/{org.pk}/settings/")
    assert page.status_code == 200
    assert "只有机构负责人和管理员可以修改机构资料" in page.content.decode()
    response = client.post(f"/orgs/{org.pk}/settings/", {"name": "篡改", "kind": "enterprise"})
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.name == "临沂测试板业有限公司"


def test_members_cannot_open_verification_or_its_documents(client, org):
    document = VerificationDocument.objects.create(
        organization=org, kind="business_license", file=SimpleUploadedFile("l.pdf", b"%PDF")
    )
    client.force_login(member_of(org))
    assert client.get(f"/orgs/{org.pk}/verification/").status_code == 403
    assert client.get(f"/orgs/{org.pk}/documents/{document.pk}/").status_code == 403


def test_admins_edit_the_organization(client, org):
    client.force_login(member_of(org, Membership.Role.ADMIN))
    response = client.post(
        f"/orgs/{org.pk}/settings/",
        {
            "name": "临沂测试板业有限公司",
            "kind": "enterprise",
            "credit_code": "91371300MA3C8X7D1W",
            "region": "lanling",
            "description": "年产多层板12万立方米。",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.region, org.description) == ("lanling", "年产多层板12万立方米。")


def test_a_bad_credit_code_is_refused_with_a_clear_message(client, org):
    client.force_login(member_of(org, Membership.Role.OWNER))
    response = client.post(
        f"/orgs/{org.pk}/settings/",
        {"name": org.name, "kind": "enterprise", "credit_code": "91371300MA3C8X7D1X"},
    )
    assert response.status_code == 200
    assert "校验位不正确" in response.content.decode()


def test_verified_organizations_keep_their_name_and_credit_code(client, org):
    org.verification_status = Organization.Verification.VERIFIED
    org.save()
    client.force_login(member_of(org, Membership.Role.OWNER))
    client.post(
        f"/orgs/{org.pk}/settings/",
        {
            "name": "换个名字有限公司",
            "kind": "enterprise",
            "credit_code": "91350100M000100Y43",
            "region": "lanshan",
        },
    )
    org.refresh_from_db()
    assert (org.name, org.credit_code) == ("临沂测试板业有限公司", "91371300MA3C8X7D1W")


def test_staff_may_download_verification_documents(client, org):
    document = VerificationDocument.objects.create(
        organization=org, kind="business_license", file=SimpleUploadedFile("l.pdf", b"%PDF-1.4")
    )
    client.force_login(staff_user())
    response = client.get(f"/orgs/{org.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_creating_an_organization_makes_the_creator_its_owner(client):
    user = UserFactory(signup_role="institute")
    client.force_login(user)
    form = client.get("/orgs/new/").content.decode()
    assert 'value="institute" selected' in form
    response = client.post(
        "/orgs/new/",
        {
            "name": "临沂市林业科学研究所",
            "kind": "institute",
            "credit_code": "12371300MB2845701R",
            "region": "lanshan",
        },
    )
    org = Organization.objects.get(name="临沂市林业科学研究所")
    assert response["Location"] == f"/orgs/{org.pk}/verification/"
    assert org.verification_status == "unverified"
    assert Membership.objects.get(organization=org).role == "owner"


def test_my_organizations_lists_memberships_with_role(client, org):
    user = member_of(org, Membership.Role.ADMIN)
    client.force_login(user)
    page = client.get("/orgs/").content.decode()
    assert "临沂测试板业有限公司" in page and "管理员" in page
