import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings

from accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "signup_role": "university",
    "name": "韩雪",
    "email": "han.xue@lyu.example.cn",
    "password1": "Yimeng-2026-safe",
    "password2": "Yimeng-2026-safe",
}


def test_signup_page_asks_who_the_person_represents(client):
    page = client.get("/accounts/signup/").content.decode()
    for label in ("我代表高等院校", "我代表科研院所", "我代表企业", "我是技术经纪人"):
        assert label in page
    assert 'class="site-header"' in page  # rendered inside the portal frame


def test_signup_records_the_role_and_requires_email_verification(client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert (user.name, user.signup_role) == ("韩雪", "university")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    # An unverified address cannot log in yet.
    login = client.post(
        "/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert "_auth_user_id" not in client.session
    assert login.status_code == 302 and "confirm-email" in login["Location"]


def test_confirming_the_email_logs_in_and_leads_to_onboarding(client):
    client.post("/accounts/signup/", SIGNUP)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    response = client.post(path)
    assert client.session["_auth_user_id"]
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified
    welcome = client.get(response["Location"], follow=True)
    assert welcome.request["PATH_INFO"] == "/welcome/"
    assert "创建机构" in welcome.content.decode()


def test_broker_signup_is_guided_to_the_broker_profile(client):
    client.post("/accounts/signup/", {**SIGNUP, "signup_role": "broker"})
    user = User.objects.get(email=SIGNUP["email"])
    client.force_login(user)
    assert "/me/broker/" in client.get("/welcome/").content.decode()


def test_login_page_hides_wechat_without_app_credentials(client):
    page = client.get("/accounts/login/").content.decode()
    assert "微信登录" not in page
    assert "weixin" not in page


@override_settings(
    SOCIALACCOUNT_PROVIDERS={
        "weixin": {
            "APPS": [{"client_id": "wx0123456789abcdef", "secret": "s3cret"}],
            "SCOPE": ["snsapi_login"],
        }
    }
)
def test_login_page_offers_wechat_when_app_credentials_are_set(client):
    page = client.get("/accounts/login/").content.decode()
    assert "微信登录" in page
    assert "/accounts/weixin/login/" in page


def test_login_page_reads_in_english_under_the_en_prefix(client):
    page = client.get("/en/accounts/login/").content.decode()
    assert "Sign In" in page


def test_password_reset_is_offered_and_mails_a_link(client):
    from tests.factories import UserFactory

    UserFactory(email="forgetful@example.cn")
    page = client.get("/accounts/password/reset/").content.decode()
    assert 'class="site-header"' in page
    client.post("/accounts/password/reset/", {"email": "forgetful@example.cn"})
    assert mail.outbox[-1].to == ["forgetful@example.cn"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_signed_in_users_manage_their_email_addresses(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(email="li@example.cn"))
    page = client.get("/accounts/email/").content.decode()
    assert "li@example.cn" in page and "auth-page--manage" in page
