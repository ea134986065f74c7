import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Organization
from marketplace import services
from marketplace.models import AnnexAccessRequest, AnnexDownload
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="检测报告.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def owner_and_listing():
    owner, org = member(kind=Organization.Kind.UNIVERSITY)
    listing = good_achievement(org, created_by=owner)
    services.set_annex(
        achievement=listing,
        by=owner,
        file=pdf(),
        terms="不得向第三方披露。",
        requires_approval=True,
    )
    return owner, listing


def test_verified_enterprise_user_requests_access_by_accepting_the_nda(owner_and_listing):
    _owner, listing = owner_and_listing
    visitor, _org = member()
    with pytest.raises(services.ListingActionRefused, match="同意"):
        services.request_annex_access(achievement=listing, by=visitor, accept_terms=False)
    request = services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    assert request.status == AnnexAccessRequest.Status.PENDING
    assert (request.terms_version, request.terms_text) == (1, "不得向第三方披露。")
    assert request.accepted_at is not None


def test_download_needs_owner_approval_and_every_download_is_logged(owner_and_listing, client):
    owner, listing = owner_and_listing
    visitor, _org = member()
    services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    client.force_login(visitor)
    response = client.get(f"/achievements/{listing.pk}/annex/download/")
    assert response.status_code == 302
    assert not AnnexDownload.objects.exists()
    request = AnnexAccessRequest.objects.get(user=visitor)
    services.decide_annex_request(request=request, by=owner, approve=True)
    response = client.get(f"/achievements/{listing.pk}/annex/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    log = AnnexDownload.objects.get()
    assert (log.user, log.request) == (visitor, request)
    client.force_login(owner)
    page = client.get(f"/achievements/{listing.pk}/").content.decode()
    assert "下载记录" in page and str(visitor) in page


def test_without_required_approval_access_is_granted_on_acceptance(owner_and_listing):
    owner, listing = owner_and_listing
    services.set_annex(
        achievement=listing, by=owner, terms=listing.annex_terms, requires_approval=False
    )
    visitor, _org = member()
    request = services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    assert request.status == AnnexAccessRequest.Status.APPROVED
    assert services.record_annex_download(achievement=listing, by=visitor)


def test_changed_terms_get_a_new_version_and_need_new_acceptance(owner_and_listing):
    owner, listing = owner_and_listing
    visitor, _org = member()
    first = services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    services.decide_annex_request(request=first, by=owner, approve=True)
    services.set_annex(
        achievement=listing, by=owner, terms="新条款：三年内保密。", requires_approval=True
    )
    assert listing.annex_terms_version == 2
    with pytest.raises(services.ListingActionRefused):
        services.record_annex_download(achievement=listing, by=visitor)


def test_user_of_unverified_org_cannot_request_the_annex(owner_and_listing):
    _owner, listing = owner_and_listing
    visitor, _org = member(verified_org=False)
    with pytest.raises(services.ListingActionRefused, match="已认证"):
        services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)


def test_annex_must_be_a_real_pdf(owner_and_listing):
    owner, listing = owner_and_listing
    fake = SimpleUploadedFile("report.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(Exception, match="损坏|不符"):
        services.set_annex(
            achievement=listing, by=owner, file=fake, terms="x", requires_approval=True
        )


def test_owner_refusal_is_notified(owner_and_listing):
    owner, listing = owner_and_listing
    visitor, _org = member()
    request = services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    services.decide_annex_request(request=request, by=owner, approve=False)
    assert visitor.notifications.filter(event="annex_decided").exists()
    assert owner.notifications.filter(event="annex_requested").exists()


def test_deciding_an_annex_request_does_not_redirect_off_site(owner_and_listing, client):
    owner, listing = owner_and_listing
    visitor, _org = member()
    access = services.request_annex_access(achievement=listing, by=visitor, accept_terms=True)
    client.force_login(owner)
    response = client.post(
        f"/annex-requests/{access.pk}/decide/",
        {"decision": "approve", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
