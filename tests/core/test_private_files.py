"""One rule for uploaded files: nothing but public images and CMS documents is reachable under
MEDIA_URL. Every other upload lives in the private storage under a random name and is read only
through a view that checks who may read it (and, for the annex, logs the download)."""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import services as accounts_services
from accounts.models import Membership, Organization
from brokerage import services as brokerage_services
from brokerage.models import Document, RoomFile, Stage
from challenges import services as challenge_services
from core.files import demo_pdf
from marketplace import services as marketplace_services
from marketplace.models import AnnexDownload, Attachment, Status
from tests.accounts.factories import member_of
from tests.brokerage.factories import EngagementFactory, demand_user, supply_user
from tests.challenges.factories import published_challenge, submitted_application
from tests.factories import OrganizationFactory, UserFactory, industry
from tests.marketplace.factories import good_achievement, member

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.media_urls")]

PDF = demo_pdf("检测报告", "private")
HTML_AS_PDF = b"<html><script>alert(document.cookie)</script></html>"


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class Case:
    """One stored file: its field, what the uploader called it, where it is downloaded, who
    may download it and who may not."""

    field_file: object
    original_name: str
    download_url: str
    reader: object
    outsider: object
    folder: str


def annex():
    owner, org = member(kind=Organization.Kind.UNIVERSITY)
    listing = good_achievement(org, created_by=owner)
    marketplace_services.set_annex(
        achievement=listing,
        by=owner,
        file=pdf("胶合强度检测报告.pdf"),
        terms="保密。",
        requires_approval=True,
    )
    listing.refresh_from_db()
    outsider, _org = member()  # verified, but without an approved NDA request
    url = reverse("marketplace:annex_download", args=[listing.pk])
    return Case(listing.annex, "胶合强度检测报告.pdf", url, owner, outsider, "annexes")


def listing_file():
    owner, org = member()
    listing = good_achievement(org, created_by=owner, status=Status.DRAFT)
    (attachment,) = marketplace_services.attach_files(
        listing=listing, by=owner, files=[pdf("中试线照片说明.pdf")]
    )
    url = reverse("marketplace:attachment", args=[attachment.pk])
    return Case(attachment.file, "中试线照片说明.pdf", url, owner, UserFactory(), "listing-files")


def engagement_document():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    document = brokerage_services.upload_document(
        engagement=engagement,
        kind=Document.Kind.NDA,
        upload=pdf("双方保密协议.pdf"),
        by=engagement.lead_broker,
    )
    url = reverse("brokerage:document_download", args=[engagement.pk, document.pk])
    return Case(
        document.file,
        "双方保密协议.pdf",
        url,
        supply_user(engagement),
        UserFactory(),
        "engagement-docs",
    )


def room_file():
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    room_file = brokerage_services.upload_room_file(
        engagement=engagement, upload=pdf("报价说明.pdf"), by=supply_user(engagement)
    )
    url = reverse("brokerage:room_file", args=[engagement.pk, room_file.pk])
    return Case(
        room_file.file, "报价说明.pdf", url, demand_user(engagement), UserFactory(), "room-files"
    )


def verification_document():
    org = OrganizationFactory(verification_status=Organization.Verification.UNVERIFIED)
    owner = member_of(org, Membership.Role.OWNER)
    document = accounts_services.add_verification_document(
        organization=org, by=owner, kind="business_license", file=pdf("营业执照.pdf")
    )
    url = reverse("accounts:org_document", args=[org.pk, document.pk])
    return Case(document.file, "营业执照.pdf", url, owner, member_of(org), "verification")


def proposal_pdf():
    challenge = published_challenge()
    lead = UserFactory()
    application = challenge_services.start_application(
        challenge=challenge, by=lead, team_name="沂蒙理工团队"
    )
    application = challenge_services.update_application(
        application=application, by=lead, proposal_pdf=pdf("沂蒙理工技术方案.pdf")
    )
    url = reverse("challenges:proposal_pdf", args=[application.pk])
    return Case(
        application.proposal_pdf,
        "沂蒙理工技术方案.pdf",
        url,
        lead,
        UserFactory(),
        "challenge-proposals",
    )


def challenge_attachment():
    challenge = published_challenge(confidentiality="internal", attachment=pdf("产线工艺参数.pdf"))
    reader = submitted_application(challenge).lead
    url = reverse("challenges:attachment", args=[challenge.pk])
    return Case(
        challenge.attachment,
        "产线工艺参数.pdf",
        url,
        reader,
        UserFactory(),
        "challenge-attachments",
    )


KINDS = {
    "annex": annex,
    "listing_file": listing_file,
    "engagement_document": engagement_document,
    "room_file": room_file,
    "verification_document": verification_document,
    "proposal_pdf": proposal_pdf,
    "challenge_attachment": challenge_attachment,
}


@pytest.fixture(params=list(KINDS))
def case(request):
    return KINDS[request.param]()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_media_url_route_of_these_tests_serves_what_is_public(client):
    # Otherwise the 404s below would prove nothing.
    name = default_storage.save("org-logos/logo.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    assert client.get(settings.MEDIA_URL + name).status_code == 200


def test_the_file_is_kept_outside_media_root_under_a_random_name(case):
    name = case.field_file.name
    assert re.fullmatch(rf"{case.folder}/\d{{4}}/[0-9a-f]{{32}}\.pdf", name)
    assert Path(case.original_name).stem not in name
    assert not re.search(r"/\d{4}/\d{2}/", name)  # not the old upload-date path
    assert not default_storage.exists(name)
    assert storages["private"].exists(name)
    path = Path(storages["private"].path(name)).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_anonymous_get_of_the_media_url_is_404(client, case):
    folder = case.folder
    for url in (
        settings.MEDIA_URL + case.field_file.name,
        # The addresses the files used to have: upload date + original name.
        f"{settings.MEDIA_URL}{folder}/2026/12/{case.original_name}",
        f"{settings.MEDIA_URL}annexes/2026/12/demo-annex.pdf",
    ):
        assert client.get(url).status_code == 404


def test_the_authorised_user_downloads_through_the_view(client, case):
    client.force_login(case.reader)
    response = client.get(case.download_url)
    assert response.status_code == 200
    assert body(response) == PDF
    assert quote(case.original_name) in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_an_unrelated_user_is_refused(client, case, who):
    if who == "outsider":
        client.force_login(case.outsider)
    response = client.get(case.download_url)
    assert response.status_code in (302, 403, 404)
    assert not response.streaming and PDF not in response.content


def test_behind_the_proxy_the_view_hands_the_file_to_nginx(client, case, settings):
    settings.PRIVATE_MEDIA_X_ACCEL = "/_private/"
    client.force_login(case.reader)
    response = client.get(case.download_url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_private/" + case.field_file.name
    assert response.content == b""
    assert quote(case.original_name) in response["Content-Disposition"]


def test_annex_downloads_through_the_view_are_logged(client):
    case = annex()
    client.force_login(case.reader)
    client.get(case.download_url)
    assert AnnexDownload.objects.filter(user=case.reader).count() == 1


def test_a_draft_listings_file_is_refused_to_outsiders_and_served_once_published(client):
    case = listing_file()
    attachment = Attachment.objects.get()
    assert client.get(case.download_url).status_code == 404
    client.force_login(case.outsider)
    assert client.get(case.download_url).status_code == 404
    listing = attachment.listing
    listing.status = Status.PUBLISHED
    listing.save()
    assert body(client.get(case.download_url)) == PDF
    client.logout()
    assert body(client.get(case.download_url)) == PDF


def test_the_listing_page_links_to_the_view_not_to_media(client):
    case = listing_file()
    client.force_login(case.reader)
    listing = Attachment.objects.get().listing
    page = client.get(f"/achievements/{listing.pk}/").content.decode()
    assert case.download_url in page
    assert settings.MEDIA_URL not in page


def test_the_challenge_page_links_to_the_attachment_view(client):
    case = challenge_attachment()
    client.force_login(case.reader)
    page = client.get(case.download_url.removesuffix("attachment/")).content.decode()
    assert case.download_url in page
    assert settings.MEDIA_URL not in page


def test_an_expert_of_a_blind_review_gets_the_proposal_under_a_neutral_name(client):
    from tests.challenges.factories import expert_user, pass_deadline

    challenge = published_challenge(blind_review=True)
    application = submitted_application(challenge, team="沂蒙理工团队")
    application = challenge_services.update_application(
        application=application, by=application.lead, proposal_pdf=pdf("沂蒙理工技术方案.pdf")
    )
    challenge = pass_deadline(challenge)
    challenge_services.close_challenge(challenge=challenge)
    staff = UserFactory(is_staff=True)
    challenge_services.start_review(challenge=challenge, by=staff)
    expert = expert_user()
    challenge_services.assign_expert(challenge=challenge, expert=expert, by=staff)
    client.force_login(expert)
    response = client.get(reverse("challenges:proposal_pdf", args=[application.pk]))
    assert body(response) == PDF
    assert quote("沂蒙理工") not in response["Content-Disposition"]


# -- every upload is checked by content: an HTML page named .pdf is refused -------------------


def test_the_annex_form_refuses_html_named_pdf(client):
    owner, org = member(kind=Organization.Kind.UNIVERSITY)
    listing = good_achievement(org, created_by=owner)
    client.force_login(owner)
    response = client.post(
        reverse("marketplace:annex_manage", args=[listing.pk]),
        {"annex": SimpleUploadedFile("报告.pdf", HTML_AS_PDF), "annex_terms": "保密。"},
    )
    assert response.status_code == 200 and "annex" in response.context["form"].errors
    listing.refresh_from_db()
    assert not listing.annex


def test_the_listing_form_refuses_html_named_pdf(client):
    owner, org = member()
    client.force_login(owner)
    response = client.post(
        "/needs/new/",
        {
            "organization": org.pk,
            "title": "带伪装附件的需求",
            "description": "描述",
            "industry": industry().pk,
            "files": [SimpleUploadedFile("报告.pdf", HTML_AS_PDF)],
            "save": "1",
        },
    )
    assert "files" in response.context["form"].errors
    assert not Attachment.objects.exists()


def test_the_engagement_document_form_refuses_html_named_pdf(client):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    client.force_login(engagement.lead_broker)
    client.post(
        reverse("brokerage:document", args=[engagement.pk]),
        {"kind": "nda", "file": SimpleUploadedFile("协议.pdf", HTML_AS_PDF)},
    )
    assert not Document.objects.exists()


def test_the_room_upload_refuses_html_named_pdf(client):
    engagement = EngagementFactory(stage=Stage.NEGOTIATING)
    client.force_login(supply_user(engagement))
    response = client.post(
        reverse("brokerage:room_upload", args=[engagement.pk]),
        {"file": SimpleUploadedFile("报价.pdf", HTML_AS_PDF)},
    )
    assert response.status_code == 400
    assert not RoomFile.objects.exists()


def test_the_verification_form_refuses_html_named_pdf(client):
    org = OrganizationFactory(verification_status=Organization.Verification.UNVERIFIED)
    client.force_login(member_of(org, Membership.Role.OWNER))
    response = client.post(
        f"/orgs/{org.pk}/verification/",
        {"kind": "business_license", "file": SimpleUploadedFile("营业执照.pdf", HTML_AS_PDF)},
    )
    assert "文件内容与扩展名不符" in response.content.decode()
    assert not org.verification_documents.exists()


def test_the_proposal_form_refuses_html_named_pdf(client):
    challenge = published_challenge()
    lead = UserFactory()
    application = challenge_services.start_application(challenge=challenge, by=lead, team_name="队")
    client.force_login(lead)
    response = client.post(
        reverse("challenges:application_edit", args=[application.pk]),
        {"team_name": "队", "proposal_pdf": SimpleUploadedFile("方案.pdf", HTML_AS_PDF)},
    )
    assert "不是有效的 PDF" in response.content.decode()
    application.refresh_from_db()
    assert not application.proposal_pdf


def test_the_challenge_form_refuses_html_named_pdf():
    from challenges.forms import ChallengeForm

    form = ChallengeForm(data={}, files={"attachment": SimpleUploadedFile("参数.pdf", HTML_AS_PDF)})
    form.is_valid()
    assert "文件内容与扩展名不符" in " ".join(form.errors.get("attachment", []))


def test_staff_inspect_an_achievement_with_an_annex_in_the_cms_admin(client):
    # A private file has no URL: the admin page must not try to link to it.
    from tests.marketplace.factories import staff_user

    case = annex()
    listing = case.field_file.instance
    client.force_login(staff_user())
    url = reverse("wagtailsnippets_marketplace_achievement:inspect", args=[listing.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert settings.MEDIA_URL not in response.content.decode()


def test_the_migration_moves_files_left_under_media_root_to_private_random_names():
    from core.files import move_to_private
    from marketplace.models import Achievement

    owner, org = member()
    listing = good_achievement(org, created_by=owner)
    old = default_storage.save("annexes/2026/12/demo-annex.pdf", ContentFile(PDF))
    Achievement.objects.filter(pk=listing.pk).update(annex=old, annex_name="")
    assert move_to_private(Achievement, "annex", folder="annexes", name_field="annex_name") == 1
    listing.refresh_from_db()
    assert not default_storage.exists(old)
    assert re.fullmatch(r"annexes/\d{4}/[0-9a-f]{32}\.pdf", listing.annex.name)
    assert storages["private"].open(listing.annex.name).read() == PDF
    assert listing.annex_name == "demo-annex.pdf"
    # Running it again moves nothing and loses nothing.
    assert move_to_private(Achievement, "annex", folder="annexes", name_field="annex_name") == 0
