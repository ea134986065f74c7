"""Error pages in the portal's layout and language, with DEBUG off (as in production)."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.config.error_urls")]

PORTAL_ZH = "临沂技术成果交易平台"
PORTAL_EN = "Linyi Technology Transaction Platform"


@pytest.fixture
def visitor(home_page):
    return Client(raise_request_exception=False)


def page(response) -> str:
    return response.content.decode()


def test_a_missing_page_is_a_404_in_the_portals_layout(visitor):
    response = visitor.get("/no-such-page/")
    assert response.status_code == 404
    html = page(response)
    assert 'class="site-header"' in html and PORTAL_ZH in html
    assert "页面不存在" in html
    assert "返回首页" in html and 'href="/"' in html


def test_a_missing_page_under_en_is_in_english(visitor):
    html = page(visitor.get("/en/no-such-page/"))
    assert '<html lang="en">' in html
    assert PORTAL_EN in html and "Page not found" in html
    assert 'href="/en/"' in html


def test_a_refusal_says_why_when_the_message_was_written_for_people(visitor):
    response = visitor.get("/test-errors/refused/")
    assert response.status_code == 403
    html = page(response)
    assert PORTAL_ZH in html and "无权访问" in html
    assert "无权修改该发布" in html
    assert "登录" in html  # an anonymous visitor is offered the login


def test_a_refusal_under_en_says_why_in_english(visitor):
    html = page(visitor.get("/en/test-errors/refused/"))
    assert "Access denied" in html
    assert "You are not allowed to edit this listing" in html


def test_a_developers_note_in_a_refusal_is_not_shown(visitor):
    response = visitor.get("/test-errors/refused-quietly/")
    assert response.status_code == 403
    assert "staff only" not in page(response)
    assert "无权访问" in page(response)


def test_a_bad_request_is_a_400_in_the_portals_look(visitor):
    response = visitor.get("/test-errors/bad/")
    assert response.status_code == 400
    html = page(response)
    assert 'class="site-header"' in html and PORTAL_ZH in html
    assert "请求无法处理" in html
    assert "/static/css/portal.css" in html


def test_a_bad_request_under_en_is_in_english(visitor):
    html = page(visitor.get("/en/test-errors/bad/"))
    assert '<html lang="en">' in html and PORTAL_EN in html


def test_a_server_error_renders_without_a_request_context_and_hides_the_bug(visitor):
    response = visitor.get("/test-errors/broken/")
    assert response.status_code == 500
    html = page(response)
    assert 'class="site-header"' in html and PORTAL_ZH in html
    assert "服务器出错了" in html and "返回首页" in html
    assert "/static/css/portal.css" in html
    assert "a bug" not in html and "RuntimeError" not in html


def test_a_server_error_under_en_is_in_english(visitor):
    html = page(visitor.get("/en/test-errors/broken/"))
    assert '<html lang="en">' in html and PORTAL_EN in html
    assert 'href="/en/"' in html


def test_a_form_posted_without_its_csrf_token_gets_the_portals_page(home_page):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {"login": "a@b.cn", "password": "x"})
    assert response.status_code == 403
    html = page(response)
    assert 'class="site-header"' in html and PORTAL_ZH in html
    assert "页面已过期" in html
    assert "CSRF" not in html


def test_the_csrf_page_under_en_is_in_english(home_page):
    browser = Client(enforce_csrf_checks=True)
    html = page(browser.post("/en/accounts/login/", {"login": "a@b.cn", "password": "x"}))
    assert '<html lang="en">' in html and PORTAL_EN in html


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
