"""The whole verification journey through HTTP: submit, reject with a reason, fix, approve."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent, Membership, Organization
from accounts.rules import can_publish_for_org, is_verified_org_member
from tests.accounts.factories import member_of, staff_user
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganizationFactory(
        name="临沂蒙山新材料科技有限公司",
        credit_code="91371300MA3C8X7D1W",
        verification_status=Organization.Verification.UNVERIFIED,
    )


def upload(client, org, name="营业执照.pdf"):
    return client.post(
        f"/orgs/{org.pk}/verification/",
        {"kind": "business_license", "file": SimpleUploadedFile(name, b"%PDF-1.4 licence")},
    )


def test_submission_needs_a_document(client, org):
    owner = member_of(org, Membership.Role.OWNER)
    client.force_login(owner)
    response = client.post(f"/orgs/{org.pk}/verification/submit/", follow=True)
    assert "请至少上传一份认证材料" in response.content.decode()
    org.refresh_from_db()
    assert org.verification_status == "unverified"


def test_only_pdf_and_images_are_accepted(client, org):
    client.force_login(member_of(org, Membership.Role.OWNER))
    response = upload(client, org, name="licence.exe")
    assert "只接受 PDF、JPG 或 PNG 文件" in response.content.decode()
    assert not org.verification_documents.exists()


def test_verification_end_to_end(client, org, committed):
    owner = member_of(org, Membership.Role.OWNER, email="owner@mengshan.example.cn")
    member = member_of(org)
    staff = staff_user(email="reviewer@linyi.example.cn")
    assert not is_verified_org_member(member, org)

    # The owner uploads the licence and submits; staff hear about it.
    client.force_login(owner)
    assert upload(client, org).status_code == 302
    with committed():
        client.post(f"/orgs/{org.pk}/verification/submit/")
    org.refresh_from_db()
    assert org.verification_status == "pending"
    assert any("reviewer@linyi.example.cn" in m.to for m in mail.outbox)

    # Staff see it in the Wagtail review queue; rejecting needs a reason.
    client.force_login(staff)
    queue = client.get("/admin/accounts/verification/")
    assert queue.status_code == 200 and "临沂蒙山新材料科技有限公司" in queue.content.decode()
    review_url = f"/admin/accounts/verification/org/{org.pk}/"
    assert "营业执照.pdf" in client.get(review_url).content.decode()
    no_reason = client.post(review_url, {"decision": "reject", "reason": " "})
    assert "驳回时请填写原因" in no_reason.content.decode()
    mail.outbox.clear()
    with committed():
        client.post(
            review_url, {"decision": "reject", "reason": "营业执照扫描件不清晰，请重新上传。"}
        )
    org.refresh_from_db()
    assert org.verification_status == "rejected"
    (rejection,) = mail.outbox
    assert rejection.to == ["owner@mengshan.example.cn"]
    assert "营业执照扫描件不清晰" in rejection.body

    # The owner sees the reason, adds a clearer scan and submits again.
    client.force_login(owner)
    page = client.get(f"/orgs/{org.pk}/verification/").content.decode()
    assert "营业执照扫描件不清晰" in page
    upload(client, org, name="营业执照-清晰.pdf")
    client.post(f"/orgs/{org.pk}/verification/submit/")
    org.refresh_from_db()
    assert org.verification_status == "pending"

    client.force_login(staff)
    mail.outbox.clear()
    with committed():
        client.post(review_url, {"decision": "approve", "reason": ""})
    org.refresh_from_db()
    assert org.is_verified and org.rejection_reason == ""
    (approval,) = mail.outbox
    assert "已通过机构认证" in approval.subject

    assert is_verified_org_member(member, org)
    assert can_publish_for_org(member, org)
    kinds = list(
        AuditEvent.objects.filter(organization=org).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [
        "verification_submitted",
        "verification_rejected",
        "verification_submitted",
        "verification_approved",
    ]


def test_non_staff_cannot_reach_the_review_queue(client, org):
    org.verification_status = Organization.Verification.PENDING
    org.save()
    owner = member_of(org, Membership.Role.OWNER)
    client.force_login(owner)
    response = client.post(f"/admin/accounts/verification/org/{org.pk}/", {"decision": "approve"})
    assert response.status_code in (302, 403)
    org.refresh_from_db()
    assert org.verification_status == "pending"


def test_documents_are_frozen_while_pending(client, org):
    client.force_login(member_of(org, Membership.Role.OWNER))
    upload(client, org)
    client.post(f"/orgs/{org.pk}/verification/submit/")
    response = upload(client, org, name="late.pdf")
    assert response.status_code == 200
    assert org.verification_documents.count() == 1
