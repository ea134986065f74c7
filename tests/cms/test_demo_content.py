"""The demo pages load, link the demo challenge, and loading twice changes nothing."""

import pytest

from accounts import demo as accounts_demo
from challenges import demo as challenges_demo
from cms import demo
from cms.models import (
    ChallengeCallPage,
    HomePage,
    NewsPage,
    PolicyPage,
    PortalSettings,
    ServicePage,
)
from marketplace import demo as marketplace_demo
from portal.demo import demo_challenges

pytestmark = pytest.mark.django_db


def test_demo_pages_load_idempotently(client, home_page):
    accounts_demo.load()
    marketplace_demo.load()
    challenges_demo.load()
    demo.load(challenges=demo_challenges())
    demo.load(challenges=demo_challenges())

    # The Chinese tree (the English translations are tests/cms/test_english_site.py's).
    zh = {"locale__language_code": "zh-hans"}
    assert NewsPage.objects.live().filter(**zh).count() == len(demo.NEWS)
    assert PolicyPage.objects.live().filter(**zh).count() == 3
    opinions = PolicyPage.objects.get(document_number="临政字〔2023〕104号")
    assert "揭榜制、赛马制和组阁制" in opinions.intro
    assert "平台整理" in opinions.intro
    assert [p.title for p in opinions.related_policies()] == ["临沂市技术经纪人管理办法（试行）"]

    call = ChallengeCallPage.objects.get(**zh)
    assert call.title == "2027年第一批揭榜挂帅榜单"
    assert call.window_state == "open"
    # The demo call lists the demo 揭榜挂帅 challenges, in the challenges demo's order.
    assert [c.title for c in call.challenges()] == [
        challenges_demo.WOOD["title"],
        challenges_demo.FOOD["title"],
        challenges_demo.AGRI["title"],
    ]
    assert call.challenge_items.count() == 3

    assert set(ServicePage.objects.filter(**zh).values_list("title", flat=True)) == {
        "技术经纪服务",
        "成果评价",
        "中试基地",
        "科技金融",
    }
    home = HomePage.objects.get(**zh)
    assert home.broker_page.title == "技术经纪服务"
    assert PortalSettings.objects.get().icp_number.startswith("鲁ICP备")

    html = client.get("/").content.decode()
    assert 'href="/policies/"' in html  # header menu from the site settings
    assert 'href="/challenge-calls/"' in html  # footer menu
    assert 'href="/achievements/"' in html and 'href="/search/"' in html
    assert "鲁ICP备2023012345号-1" in html
    for page in [call, opinions, *ServicePage.objects.filter(**zh)]:
        assert client.get(page.url).status_code == 200
    call_html = client.get(call.url).content.decode()
    for challenge in call.challenges():
        assert f'href="{challenge.get_absolute_url()}"' in call_html
