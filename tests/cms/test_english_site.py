"""The English site (/en/): Wagtail i18n with English translations of the CMS pages, while the
Chinese site keeps its unprefixed addresses."""

import importlib
import re

import pytest
from django.apps import apps
from wagtail.models import Locale, Page

from cms import demo
from cms.models import HomePage, NewsPage, PortalSettings

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def demo_pages(home_page):
    demo.load()
    return home_page


def test_every_demo_page_has_a_live_english_translation_in_english(demo_pages):
    english = Locale.objects.get(language_code="en")
    chinese_pages = Page.objects.filter(locale__language_code="zh-hans", depth__gt=1)
    for page in chinese_pages.specific():
        translation = page.get_translation_or_none(english)
        assert translation is not None and translation.live, page.title
        translation = translation.specific
        assert not CJK.search(translation.title), translation.title
        for field in ("intro", "hero_title", "hero_subtitle", "source", "authority"):
            value = str(getattr(translation, field, "") or "")
            assert not CJK.search(value), (translation.title, field, value)


def test_loading_the_demo_twice_adds_no_second_translation(demo_pages):
    demo.load()
    assert NewsPage.objects.filter(locale__language_code="en").count() == len(demo.NEWS)
    assert HomePage.objects.count() == 2


def test_chinese_addresses_are_unchanged_and_english_lives_under_en(client, demo_pages):
    chinese = client.get("/").content.decode()
    assert "让每一项科技成果找到用武之地" in chinese
    assert client.get("/news/").status_code == 200
    assert "Put every technology achievement to work" not in chinese

    english = client.get("/en/").content.decode()
    assert "Put every technology achievement to work" in english
    assert "让每一项科技成果找到用武之地" not in english
    news = client.get("/en/news/")
    assert news.status_code == 200
    assert "First 2027 training class for technology brokers" in news.content.decode()
    assert client.get("/en/policies/linzhengzi-2023-104/").status_code == 200


def test_the_english_home_lists_english_news_and_policies(client, demo_pages):
    html = client.get("/en/").content.decode()
    assert "Registered technology contracts up 23%" in html
    assert "前三季度全市登记技术合同" not in html
    assert "Implementing Opinions of the Linyi Municipal" in html


def test_header_and_footer_menus_and_contacts_are_english_under_en(client, demo_pages):
    html = client.get("/en/").content.decode()
    for label, href in (("Policies", "/en/policies/"), ("News", "/en/news/")):
        assert f'href="{href}"' in html and f">{label}</a>" in html
    assert 'href="/en/services/"' in html and ">Services</a>" in html
    assert ">Technology brokerage</a>" in html  # a footer item titled by the English page
    assert "Linyi Technology Transaction Center" in html
    assert "Weekdays 9:00–12:00" in html
    for chinese in ("政策</a>", "新闻</a>", "临沂市科学技术局指导", "工作日"):
        assert chinese not in html
    chinese_home = client.get("/").content.decode()
    assert 'href="/policies/"' in chinese_home and "政策</a>" in chinese_home


def test_english_settings_fall_back_to_chinese_when_blank(client, demo_pages):
    settings = PortalSettings.objects.get()
    settings.address_en = ""
    settings.save()
    assert settings.address in client.get("/en/").content.decode()


def test_feeds_carry_the_chinese_pages_only(client, demo_pages):
    xml = client.get("/feeds/news.xml").content.decode()
    assert "2027年度第一期技术经纪人培训班开班" in xml
    assert "First 2027 training class" not in xml


def test_the_migration_puts_pages_of_other_locales_into_chinese(home_page):
    other = Locale.objects.create(language_code="fr")
    Page.objects.filter(pk=home_page.pk).update(locale=other)
    migration = importlib.import_module("cms.migrations.0009_page_locales")
    migration.forwards(apps, None)
    home_page.refresh_from_db()
    assert home_page.locale.language_code == "zh-hans"
    assert Locale.objects.filter(language_code="en").exists()


def test_english_figures_count_one_item_and_several_items(client, home_page):
    from tests.factories import AchievementFactory, NeedFactory

    AchievementFactory()
    NeedFactory.create_batch(2)
    html = client.get("/en/").content.decode()
    assert re.search(r'data-figure="achievements"><strong>1</strong><small>item</small>', html)
    assert re.search(r'data-figure="needs"><strong>2</strong><small>items</small>', html)
    assert "<small>项</small>" in client.get("/").content.decode()


def test_standard_rubric_criteria_read_in_english_and_own_ones_as_written():
    from django.utils import translation

    from challenges.models import RubricCriterion

    with translation.override("en"):
        assert not CJK.search(RubricCriterion(name="团队实力").label)
        assert RubricCriterion(name="样机指标").label == "样机指标"


def test_colons_follow_the_page_language():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load punctuation %}A{% colon %}B{% lparen %}C{% rparen %}")
    with translation.override("en"):
        assert template.render(Context()) == "A: B (C)"
    with translation.override("zh-hans"):
        assert template.render(Context()) == "A：B（C）"
