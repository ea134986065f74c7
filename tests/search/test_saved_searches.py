"""我的订阅: save a search from the search page, manage it, get digests of new hits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from search.models import SavedSearch
from search.outbox import drain_outbox, record_change
from search.services import save_search, send_saved_search_digests
from tests.factories import UserFactory
from tests.search.factories import achievement

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="wang@example.cn")


def _saved(user, **kwargs):
    kwargs.setdefault("name", "胶黏剂")
    kwargs.setdefault("query", "胶黏剂")
    saved = save_search(user=user, **kwargs)
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=timezone.now() - timedelta(days=10))
    saved.refresh_from_db()
    return saved


def _publish_new_glue(uni):
    new = achievement(
        "大豆蛋白改性无醛胶黏剂连续化生产工艺",
        "改性豆粕蛋白胶黏剂的连续化生产，适用于胶合板和细木工板。",
        keywords=["胶黏剂", "无醛"],
        organization=uni,
    )
    record_change(new)
    drain_outbox(refresh=True)
    return new


# -- the service ----------------------------------------------------------------------------


def test_a_search_keeps_only_known_filters(user):
    saved = save_search(
        user=user,
        name="",
        query=" 视觉检测 ",
        filters={"industry": ["wood_furniture"], "colour": ["red"], "region": []},
    )
    assert (saved.name, saved.query, saved.filters) == (
        "视觉检测",
        "视觉检测",
        {"industry": ["wood_furniture"]},
    )
    assert saved.querystring == "q=%E8%A7%86%E8%A7%89%E6%A3%80%E6%B5%8B&industry=wood_furniture"


def test_an_empty_search_cannot_be_saved(user):
    with pytest.raises(ValidationError, match="请先输入关键词"):
        save_search(user=user, name="全部", query="  ", filters={"industry": []})


def test_an_unknown_frequency_is_refused(user):
    with pytest.raises(ValidationError):
        save_search(user=user, name="x", query="x", frequency="hourly")


# -- digests --------------------------------------------------------------------------------


def test_a_new_hit_is_emailed_after_commit(user, indexed, django_capture_on_commit_callbacks):
    saved = _saved(user)
    last_digest = timezone.now()  # the corpus was published before this
    SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=last_digest)
    _publish_new_glue(indexed["uni"])
    tomorrow = last_digest + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_saved_search_digests(now=tomorrow) == 1
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wang@example.cn"]
    assert "胶黏剂" in message.subject
    assert "大豆蛋白改性无醛胶黏剂连续化生产工艺" in message.body
    assert "植物蛋白基无醛木材胶黏剂" not in message.body  # published before the last digest
    assert "/search/saved/" in message.body
    saved.refresh_from_db()
    assert saved.last_notified_at == tomorrow


def test_no_new_hits_means_no_email(user, indexed, django_capture_on_commit_callbacks):
    saved = _saved(user)
    SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=timezone.now())
    later = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_saved_search_digests(now=later) == 0
    assert mail.outbox == []


def test_paused_searches_get_no_digest(user, indexed, django_capture_on_commit_callbacks):
    _saved(user, frequency=SavedSearch.Frequency.PAUSED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_saved_search_digests() == 0
    assert mail.outbox == []


def test_weekly_searches_wait_a_week_between_digests(
    user, indexed, django_capture_on_commit_callbacks
):
    saved = _saved(user, frequency=SavedSearch.Frequency.WEEKLY)
    last_digest = timezone.now()
    SavedSearch.objects.filter(pk=saved.pk).update(last_notified_at=last_digest)
    _publish_new_glue(indexed["uni"])
    with django_capture_on_commit_callbacks(execute=True):
        assert send_saved_search_digests(now=last_digest + timedelta(days=2)) == 0
        assert send_saved_search_digests(now=last_digest + timedelta(days=7)) == 1
    assert len(mail.outbox) == 1


def test_the_daily_command_sends_the_digests(user, indexed, django_capture_on_commit_callbacks):
    _saved(user, query="预冷")
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_digests", stdout=out)
    assert "1 digest(s) queued" in out.getvalue()
    assert "果蔬产地差压预冷装置" in mail.outbox[0].body


# -- pages ----------------------------------------------------------------------------------


def test_the_search_page_offers_to_save_the_current_search(client, user, indexed):
    client.force_login(user)
    html = client.get("/search/?q=胶黏剂&industry=wood_furniture").content.decode()
    assert "保存为订阅" in html
    assert 'action="/search/saved/new/"' in html
    assert '<input type="hidden" name="industry" value="wood_furniture">' in html


def test_visitors_are_invited_to_log_in_to_save(client, indexed):
    html = client.get("/search/?q=胶黏剂").content.decode()
    assert "后可保存检索条件" in html
    assert "保存为订阅" not in html


def test_saving_from_the_search_page_keeps_query_and_filters(client, user):
    client.force_login(user)
    response = client.post(
        "/search/saved/new/",
        {"q": "胶黏剂", "industry": "wood_furniture", "name": "环保胶", "frequency": "weekly"},
    )
    saved = SavedSearch.objects.get(user=user)
    assert (saved.name, saved.query, saved.filters, saved.frequency) == (
        "环保胶",
        "胶黏剂",
        {"industry": ["wood_furniture"]},
        "weekly",
    )
    assert response.url == f"/search/?{saved.querystring}"


def test_saving_an_empty_search_explains_why_not(client, user):
    client.force_login(user)
    response = client.post("/search/saved/new/", {"q": "", "name": "x", "frequency": "daily"})
    page = client.get(response.url).content.decode()
    assert "请先输入关键词或选择筛选条件再保存" in page
    assert not SavedSearch.objects.exists()


def test_my_subscriptions_list_rename_and_delete(client, user):
    saved = _saved(user, filters={"maturity": ["pilot"]})
    client.force_login(user)
    html = client.get("/search/saved/").content.decode()
    assert "我的订阅" in html
    assert "成熟度：中试" in html or "成熟度：" in html
    assert f'href="/search/?{saved.querystring}"' in html.replace("&amp;", "&")
    client.post(
        f"/search/saved/{saved.pk}/",
        {f"s{saved.pk}-name": "木业新成果", f"s{saved.pk}-frequency": "paused"},
    )
    saved.refresh_from_db()
    assert (saved.name, saved.frequency) == ("木业新成果", "paused")
    client.post(f"/search/saved/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_nobody_else_can_touch_my_subscriptions(client, user):
    saved = _saved(user)
    client.force_login(UserFactory())
    assert saved.name not in client.get("/search/saved/").content.decode()
    assert client.post(f"/search/saved/{saved.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_visitors_are_sent_to_log_in_for_subscriptions(client):
    assert "/accounts/login/" in client.get("/search/saved/").url


# -- API ------------------------------------------------------------------------------------


def test_the_api_lists_creates_and_deletes_my_saved_searches(client, user):
    client.force_login(user)
    created = client.post(
        "/api/v1/saved-searches",
        {"name": "冷链", "query": "预冷", "filters": {"industry": ["logistics"]}},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["filters"] == {"industry": ["logistics"]}
    assert body["frequency"] == "daily"
    assert body["search_url"].startswith("/search/?q=")
    listed = client.get("/api/v1/saved-searches").json()
    assert [s["name"] for s in listed] == ["冷链"]
    patched = client.patch(
        f"/api/v1/saved-searches/{body['id']}",
        {"frequency": "weekly"},
        content_type="application/json",
    )
    assert patched.json()["frequency"] == "weekly"
    assert client.delete(f"/api/v1/saved-searches/{body['id']}").status_code == 204
    assert client.get("/api/v1/saved-searches").json() == []


def test_the_api_explains_an_invalid_saved_search(client, user):
    client.force_login(user)
    response = client.post(
        "/api/v1/saved-searches", {"name": "空"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "请先输入关键词" in response.json()["detail"]


def test_the_saved_search_api_needs_a_login_and_hides_others(client, user):
    assert client.get("/api/v1/saved-searches").status_code == 401
    saved = _saved(user)
    client.force_login(UserFactory())
    assert client.get("/api/v1/saved-searches").json() == []
    assert client.delete(f"/api/v1/saved-searches/{saved.pk}").status_code == 404


def test_the_dashboard_panel_lists_my_subscriptions_with_run_links(rf, user):
    from django.template import Context, Template

    saved = _saved(user, filters={"industry": ["wood_furniture"]})
    request = rf.get("/dashboard/")
    request.user = user
    html = Template("{% load search_tags %}{% saved_searches_panel %}").render(
        Context({"request": request})
    )
    assert "我的订阅" in html
    assert f'href="/search/?{saved.querystring}"'.replace("&", "&amp;") in html
    assert "每天" in html
