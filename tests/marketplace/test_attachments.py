import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace import services
from marketplace.models import Attachment, Need, Status
from marketplace.validators import MAX_ATTACHMENT_BYTES
from tests.factories import industry
from tests.marketplace.factories import good_achievement, member

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%%EOF\n"


def test_images_and_pdfs_are_attached_with_type_and_size():
    owner, org = member()
    listing = good_achievement(org, created_by=owner)
    files = [SimpleUploadedFile("样品.png", PNG), SimpleUploadedFile("报告.pdf", PDF)]
    services.attach_files(listing=listing, by=owner, files=files)
    kinds = sorted(Attachment.objects.filter(achievement=listing).values_list("kind", "size"))
    assert kinds == [("image", len(PNG)), ("pdf", len(PDF))]


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("virus.exe", b"MZ"), "不支持"),
        (SimpleUploadedFile("fake.pdf", b"<html>"), "损坏"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES), "过大"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error_and_nothing_is_saved(upload, message):
    owner, org = member()
    listing = good_achievement(org, created_by=owner)
    good = SimpleUploadedFile("ok.png", PNG)
    with pytest.raises(ValidationError, match=message):
        services.attach_files(listing=listing, by=owner, files=[good, upload])
    assert not Attachment.objects.exists()


def test_a_bad_file_in_the_create_form_saves_no_listing(client):
    owner, org = member()
    client.force_login(owner)
    response = client.post(
        "/needs/new/",
        {
            "organization": org.pk,
            "title": "带坏附件的需求",
            "description": "描述",
            "industry": industry().pk,
            "files": [SimpleUploadedFile("x.pdf", b"garbage")],
            "save": "1",
        },
    )
    assert response.status_code == 200
    assert "files" in response.context["form"].errors
    assert not Need.objects.filter(title="带坏附件的需求").exists()
    assert not Attachment.objects.exists()


def test_form_with_good_attachment_saves_draft_and_file(client):
    owner, org = member()
    client.force_login(owner)
    client.post(
        "/needs/new/",
        {
            "organization": org.pk,
            "title": "带图片的需求",
            "description": "描述",
            "industry": industry().pk,
            "files": [SimpleUploadedFile("现场.png", PNG)],
            "save": "1",
        },
    )
    need = Need.objects.get(title="带图片的需求")
    assert need.status == Status.DRAFT
    assert Attachment.objects.get(need=need).original_name == "现场.png"
