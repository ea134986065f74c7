"""Sign-in pages for keyboards and screen readers: the first field has the focus, and an error
marks the fields it concerns and is linked to them."""

import pytest
from bs4 import BeautifulSoup

from tests.accounts.factories import staff_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def focused(page) -> list[str]:
    return [tag.get("name") for tag in page.select("main [autofocus]")]


def test_login_and_signup_pages_put_the_focus_on_their_first_field(client):
    assert focused(soup(client.get("/accounts/login/"))) == ["login"]
    signup = soup(client.get("/accounts/signup/"))
    first = signup.select("main form input:not([type=hidden]), main form select")[0]
    assert focused(signup) == [first["name"]]


def test_a_wrong_password_marks_both_fields_invalid_and_links_the_error(client):
    user = UserFactory(email="li.na@lyu.example.cn")
    page = soup(client.post("/accounts/login/", {"login": user.email, "password": "wrong-one"}))
    error = page.select_one("main .form-errors[role=alert]")
    assert error is not None and error.get_text(strip=True)
    for name in ("login", "password"):
        field = page.select_one(f'main input[name="{name}"]')
        assert field["aria-invalid"] == "true"
        assert error["id"] in field["aria-describedby"].split()
    assert focused(page) == ["login"]


def test_a_field_error_is_linked_to_its_field_and_takes_the_focus(client):
    page = soup(client.post("/accounts/signup/", {"email": "not-an-address"}))
    email = page.select_one('main input[name="email"]')
    assert email["aria-invalid"] == "true"
    error_id = f"{email['id']}_error"
    assert error_id in email["aria-describedby"].split()
    assert page.select_one(f"#{error_id}").get_text(strip=True)
    assert len(focused(page)) == 1


def test_the_second_factor_page_focuses_the_code_field(client):
    user = staff_user()
    client.post("/accounts/login/", {"login": user.email, "password": "pass-1234-word"})
    page = soup(client.get("/accounts/2fa/authenticate/"))
    assert focused(page) == ["code"]
