"""A confidential attachment reaches only submitted applicants who pledged, staff, the owner and
assigned experts; every download is logged with who, when and from where."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from challenges import services
from challenges.models import AttachmentDownload, ConfidentialityPledge
from tests.factories import UserFactory

from .factories import expert_user, published_challenge, staff_user, submitted_application

pytestmark = pytest.mark.django_db
SPEC = b"%PDF-1.4 confidential line layout and defect samples"


def _confidential(level="confidential"):
    return published_challenge(
        confidentiality=level, attachment=SimpleUploadedFile("产线资料.pdf", SPEC)
    )


def _download(client, challenge):
    return client.get(f"/challenges/{challenge.pk}/attachment/", REMOTE_ADDR="10.9.8.7")


def test_a_draft_applicant_neither_sees_nor_downloads_the_attachment(client):
    challenge = _confidential()
    newcomer = UserFactory()
    client.force_login(newcomer)
    client.post(f"/challenges/{challenge.pk}/apply/", {"team_name": "新团队"})
    assert challenge.applications.get(lead=newcomer).status == "draft"
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert f"/challenges/{challenge.pk}/attachment/" not in page
    assert "接受保密承诺" not in page
    assert _download(client, challenge).status_code in (403, 404)
    assert not AttachmentDownload.objects.exists()


def test_a_submitted_applicant_without_the_pledge_is_refused(client):
    challenge = _confidential()
    application = submitted_application(challenge)
    client.force_login(application.lead)
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "接受保密承诺" in page
    assert f"/challenges/{challenge.pk}/attachment/" not in page
    assert _download(client, challenge).status_code == 403


def test_a_submitted_applicant_who_pledged_downloads_and_the_download_is_logged(client):
    challenge = _confidential()
    application = submitted_application(challenge)
    client.force_login(application.lead)
    client.post(f"/challenges/{challenge.pk}/pledge/", {"accept": "on"}, REMOTE_ADDR="10.1.1.1")
    pledge = ConfidentialityPledge.objects.get(challenge=challenge, user=application.lead)
    assert pledge.ip_address == "10.1.1.1" and pledge.accepted_at
    assert challenge.title in pledge.statement
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert f"/challenges/{challenge.pk}/attachment/" in page
    response = _download(client, challenge)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SPEC
    logged = AttachmentDownload.objects.get()
    assert (logged.user, logged.challenge, logged.ip_address) == (
        application.lead,
        challenge,
        "10.9.8.7",
    )


def test_the_pledge_without_the_box_ticked_records_nothing(client):
    challenge = _confidential()
    application = submitted_application(challenge)
    client.force_login(application.lead)
    client.post(f"/challenges/{challenge.pk}/pledge/", {})
    assert not ConfidentialityPledge.objects.exists()


def test_a_draft_applicant_cannot_sign_the_pledge_to_get_in(client):
    challenge = _confidential()
    newcomer = UserFactory()
    services.start_application(challenge=challenge, by=newcomer, team_name="草稿团队")
    client.force_login(newcomer)
    client.post(f"/challenges/{challenge.pk}/pledge/", {"accept": "on"})
    assert not ConfidentialityPledge.objects.exists()
    assert _download(client, challenge).status_code == 403


def test_an_internal_attachment_needs_a_submission_but_no_pledge(client):
    challenge = _confidential(level="internal")
    application = submitted_application(challenge)
    client.force_login(application.lead)
    assert _download(client, challenge).status_code == 200
    client.force_login(UserFactory())
    assert _download(client, challenge).status_code == 403


def test_staff_the_owner_and_assigned_experts_download_without_a_pledge(client):
    challenge = _confidential()
    staff = staff_user()
    expert = expert_user()
    services.assign_expert(challenge=challenge, expert=expert, by=staff)
    for reader in (staff, challenge.created_by, expert):
        client.force_login(reader)
        assert _download(client, challenge).status_code == 200
    assert AttachmentDownload.objects.count() == 3


def test_an_anonymous_visitor_gets_a_public_attachment_but_not_a_confidential_one(client):
    public = published_challenge(attachment=SimpleUploadedFile("公开.pdf", SPEC))
    assert _download(client, public).status_code == 200
    assert AttachmentDownload.objects.get().user is None
    refused = _download(client, _confidential())
    assert refused.status_code == 302
    assert refused["Location"].startswith("/accounts/login/")
    assert AttachmentDownload.objects.count() == 1


def test_staff_see_who_pledged_and_downloaded_in_the_workflow_page(client):
    challenge = _confidential()
    application = submitted_application(challenge)
    client.force_login(application.lead)
    client.post(f"/challenges/{challenge.pk}/pledge/", {"accept": "on"}, REMOTE_ADDR="10.1.1.1")
    _download(client, challenge)
    staff = staff_user()
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    page = client.get(f"/admin/challenges/{challenge.pk}/").content.decode()
    assert "10.1.1.1" in page and "10.9.8.7" in page
