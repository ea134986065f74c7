"""In Chromium: dismiss a match with htmx (no page reload), see inline errors, save a search."""

import pytest
from django.test import Client

from search.models import MatchFeedback, SavedSearch
from tests.accounts.factories import member_of

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base_url}])


def test_a_member_dismisses_a_match_in_place_and_sees_errors_inline(page, home_page, indexed):
    need, glue = indexed["glue_need"], indexed["glue"]
    log_in(page, member_of(indexed["firm"]))
    page.goto(f"{page.base_url}/needs/{need.pk}/")
    card = page.locator(f"#match-need-{need.pk}-{glue.pk}")
    card.get_by_text("不相关…").click()
    card.get_by_role("radio", name="其他").check()
    card.get_by_role("button", name="提交：不相关").click()
    errors = page.locator(f"#match-need-{need.pk}-{glue.pk}-errors")
    errors.filter(has_text="选择“其他”时请填写说明").wait_for()
    page.evaluate("window.notReloaded = true")
    card.get_by_role("radio", name="价格太高").check()
    card.get_by_role("button", name="提交：不相关").click()
    page.get_by_text("已不再向贵机构推荐“植物蛋白基无醛木材胶黏剂”").wait_for()
    assert page.evaluate("window.notReloaded") is True  # swapped in place by htmx
    feedback = MatchFeedback.objects.get()
    assert (feedback.verdict, feedback.reason, feedback.organization) == (
        "not_relevant",
        "too_expensive",
        indexed["firm"],
    )
    page.reload()
    assert page.locator(f"#match-need-{need.pk}-{glue.pk}").count() == 0


def test_a_user_saves_the_current_search_and_finds_it_in_my_subscriptions(page, home_page, indexed):
    user = member_of(indexed["firm"])
    log_in(page, user)
    page.goto(f"{page.base_url}/search/?q=胶黏剂")
    page.get_by_text("保存为订阅").click()
    page.get_by_label("订阅名称").fill("环保胶新成果")
    page.get_by_label("邮件推送").select_option("weekly")
    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("已保存到“我的订阅”：环保胶新成果").wait_for()
    saved = SavedSearch.objects.get(user=user)
    assert (saved.query, saved.frequency) == ("胶黏剂", "weekly")
    page.goto(f"{page.base_url}/search/saved/")
    page.get_by_role("link", name="立即检索").click()
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-hit").count() >= 1
