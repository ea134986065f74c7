"""揭榜申报: one per team, complete before submission, frozen after the deadline, private."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from challenges import services
from challenges.errors import ChallengeError
from challenges.models import Application
from tests.factories import MembershipFactory, UserFactory

from .factories import org_admin, pass_deadline, published_challenge, submitted_application

pytestmark = pytest.mark.django_db


def test_a_lead_can_apply_only_once_per_challenge():
    challenge = published_challenge()
    application = submitted_application(challenge)
    with pytest.raises(ChallengeError, match="已经申报过"):
        services.start_application(challenge=challenge, by=application.lead, team_name="第二队")


def test_an_organization_leads_only_one_application_per_challenge():
    challenge = published_challenge()
    first = submitted_application(challenge)
    colleague = MembershipFactory(organization=first.lead_organization, role="member").user
    with pytest.raises(ChallengeError, match="该单位已经牵头申报"):
        services.start_application(
            challenge=challenge,
            by=colleague,
            team_name="同单位另一队",
            lead_organization=first.lead_organization,
        )


def test_the_database_enforces_one_application_per_lead():
    from django.db import IntegrityError, transaction

    challenge = published_challenge()
    first = submitted_application(challenge)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(challenge=challenge, lead=first.lead, team_name="重复")


def test_an_application_needs_declarations_proposal_and_every_indicator():
    challenge = published_challenge()
    lead = UserFactory()
    application = services.start_application(challenge=challenge, by=lead, team_name="个人揭榜")
    with pytest.raises(ChallengeError, match="声明"):
        services.submit_application(application=application, by=lead)
    services.update_application(
        application=application,
        by=lead,
        declares_ip=True,
        declares_no_conflict=True,
        declares_truthful=True,
    )
    with pytest.raises(ChallengeError, match="技术方案"):
        services.submit_application(application=application, by=lead)
    services.update_application(application=application, by=lead, proposal="<p>方案</p>")
    with pytest.raises(ChallengeError, match="缺陷检出率"):
        services.submit_application(application=application, by=lead)


def test_the_proposal_keeps_formatting_but_loses_scripts():
    challenge = published_challenge()
    lead = UserFactory()
    application = services.start_application(challenge=challenge, by=lead, team_name="队")
    services.update_application(
        application=application,
        by=lead,
        proposal='<h3>总体思路</h3><p onclick="x()">多光谱<script>alert(1)</script></p>',
    )
    application.refresh_from_db()
    assert "<h3>总体思路</h3>" in application.proposal
    assert "script" not in application.proposal
    assert "onclick" not in application.proposal


def test_the_proposal_pdf_must_really_be_a_pdf():
    challenge = published_challenge()
    lead = UserFactory()
    application = services.start_application(challenge=challenge, by=lead, team_name="队")
    fake = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="不是有效的 PDF"):
        services.update_application(application=application, by=lead, proposal_pdf=fake)
    word = SimpleUploadedFile("方案.docx", b"PK\x03\x04", content_type="application/msword")
    with pytest.raises(ValidationError, match="须为 PDF"):
        services.update_application(application=application, by=lead, proposal_pdf=word)
    pdf = SimpleUploadedFile("方案.pdf", b"%PDF-1.7\n%\xe2\xe3\n", content_type="application/pdf")
    services.update_application(application=application, by=lead, proposal_pdf=pdf)
    application.refresh_from_db()
    assert application.proposal_pdf.name.endswith(".pdf")


def test_applications_can_be_edited_and_withdrawn_until_the_deadline_but_not_after():
    challenge = published_challenge()
    application = submitted_application(challenge)
    lead = application.lead
    services.update_application(application=application, by=lead, budget_plan="调整后的预算")
    services.withdraw_application(application=application, by=lead)
    services.submit_application(application=application, by=lead)
    pass_deadline(challenge)
    with pytest.raises(ChallengeError, match="不在申报期内"):
        services.update_application(application=application, by=lead, budget_plan="截止后")
    with pytest.raises(ChallengeError, match="不在申报期内"):
        services.withdraw_application(application=application, by=lead)
    with pytest.raises(ChallengeError, match="不在申报期内"):
        services.start_application(challenge=challenge, by=UserFactory(), team_name="迟到")
    application.refresh_from_db()
    assert application.budget_plan == "调整后的预算"


def test_only_the_lead_edits_an_application():
    challenge = published_challenge()
    application = submitted_application(challenge)
    other, _org = org_admin()
    with pytest.raises(ChallengeError, match="只有申报负责人"):
        services.update_application(application=application, by=other, budget_plan="篡改")


def test_the_owner_cannot_answer_its_own_challenge():
    challenge = published_challenge()
    owner = challenge.created_by
    with pytest.raises(ChallengeError, match="不能揭自己的榜"):
        services.start_application(
            challenge=challenge,
            by=owner,
            team_name="自己",
            lead_organization=challenge.organization,
        )


def test_applicants_cannot_read_each_others_applications(client):
    challenge = published_challenge()
    mine = submitted_application(challenge, team="甲队")
    theirs = submitted_application(challenge, team="乙队")
    client.force_login(mine.lead)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(f"/challenges/applications/{theirs.pk}/edit/").status_code == 404
    listing = client.get("/challenges/mine/").content.decode()
    assert "甲队" in listing and "乙队" not in listing
