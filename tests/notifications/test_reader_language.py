"""Notifications are stored as a source string and parameters, and read in the reader's language."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_lazy

from marketplace.models import Inquiry
from notifications import services
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

APPROVED = gettext_lazy("审核通过：%(title)s")
APPROVED_BODY = gettext_lazy("您提交的“%(title)s”已通过审核并公开发布。")


def approve_notice(user, title="无醛胶黏剂"):
    return services.notify(
        user=user,
        event="listing_approved",
        title=APPROVED,
        body=APPROVED_BODY,
        params={"title": title},
        url="/x/",
    )


def test_the_untranslated_source_and_params_are_stored_whatever_language_sends():
    with translation.override("en"):
        note = approve_notice(UserFactory())
    note.refresh_from_db()
    assert note.title_key == "审核通过：%(title)s"
    assert note.params == {"title": "无醛胶黏剂"}
    assert note.title == "审核通过：无醛胶黏剂"  # the source language, for the admin


def test_one_notification_reads_in_chinese_and_in_english():
    note = approve_notice(UserFactory())
    with translation.override("zh-hans"):
        assert note.display_title == "审核通过：无醛胶黏剂"
    with translation.override("en"):
        assert note.display_title == "Approved: 无醛胶黏剂"
        assert note.display_body == 'Your submission "无醛胶黏剂" has been approved and published.'


def test_a_choice_label_given_as_a_parameter_is_translated_when_read():
    note = services.notify(
        user=UserFactory(),
        event="inquiry_answered",
        title=gettext_lazy("意向咨询%(status)s：%(title)s"),
        params={"status": Inquiry.Status.CONTACTED.label, "title": "X"},
    )
    assert note.params["status"] == {"msgid": "已联系"}
    with translation.override("en"):
        assert note.display_title == "Inquiry Contacted: X"


def test_peoples_own_words_are_shown_as_written_never_formatted():
    note = services.notify(
        user=UserFactory(),
        event="listing_rejected",
        title=APPROVED,
        body="价格降 10%(含税)，请补充 %s 说明",
        params={"title": "X"},
    )
    with translation.override("en"):
        assert note.display_body == "价格降 10%(含税)，请补充 %s 说明"


def test_rows_written_before_keys_keep_their_text():
    old = Notification.objects.create(user=UserFactory(), event="x", title="旧消息", body="旧正文")
    with translation.override("en"):
        assert (old.display_title, old.display_body) == ("旧消息", "旧正文")


def test_the_list_shows_the_english_text_under_en(client):
    user = UserFactory()
    approve_notice(user)
    client.force_login(user)
    html = client.get("/en/notifications/").content.decode()
    assert "Approved: 无醛胶黏剂" in html
    assert "审核通过" not in html


def test_email_goes_in_the_recipients_language(django_capture_on_commit_callbacks):
    english, chinese = UserFactory(language="en"), UserFactory(language="")
    with django_capture_on_commit_callbacks(execute=True):
        approve_notice(english)
        approve_notice(chinese)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Approved: 无醛胶黏剂" in by_recipient[english.email].subject
    assert "has been approved" in by_recipient[english.email].body
    assert "审核通过：无醛胶黏剂" in by_recipient[chinese.email].subject


def test_the_language_of_a_users_last_page_is_remembered(client):
    user = UserFactory()
    client.force_login(user)
    client.get("/en/notifications/")
    user.refresh_from_db()
    assert user.language == "en"
    client.get("/notifications/")
    user.refresh_from_db()
    assert user.language == "zh-hans"


def test_a_real_call_site_stores_a_key():
    """marketplace's submission notifies the staff with a key: they read it in English."""
    from marketplace.services import submit_listing
    from tests.marketplace.factories import good_achievement, member, staff_user

    staff = staff_user()
    user, org = member()
    listing = good_achievement(org, status="draft", created_by=user)
    submit_listing(listing=listing, by=user)
    note = Notification.objects.get(user=staff, event="listing_submitted")
    assert note.title_key == "待审核：%(title)s"
    with translation.override("en"):
        assert not any(
            "\u4e00" <= ch <= "\u9fff" for ch in note.display_title.replace(listing.title, "")
        )
