"""The achievement's detailed description is rich text: edited, sanitised, rendered, indexed."""

import importlib

import pytest
from django.apps import apps

from marketplace import quality, services
from marketplace.models import Achievement
from marketplace.richtext import clean_html, html_to_text, text_to_html
from search.indexing import document_for as achievement_document
from search.matching.engine import listing_profile
from tests.factories import industry
from tests.marketplace.factories import good_achievement, member, staff_user

pytestmark = pytest.mark.django_db

RICH = (
    "<h3>主要指标</h3><p>胶合强度<b>0.9MPa</b>，<i>无醛添加</i>。</p>"
    '<ul><li>适用期6小时</li><li>成本增加60元</li></ul><p><a href="https://example.cn/r">检测报告</a></p>'
)
HOSTILE = (
    '<h2>大标题</h2><p onclick="steal()" style="color:red">正文<script>alert(1)</script></p>'
    '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">点我</a>'
    '<iframe src="https://evil.example"></iframe><span style="font-size:40px">大字</span>'
)


def save(org, owner, description, **kwargs):
    listing = Achievement(
        organization=org,
        industry=industry(),
        title="大豆蛋白无醛胶",
        summary="以脱脂豆粕为原料制得不含甲醛的胶黏剂。",
        description=description,
        **kwargs,
    )
    return services.save_listing(listing=listing, by=owner)


def test_allowed_formatting_is_kept():
    owner, org = member()
    listing = save(org, owner, RICH)
    listing.refresh_from_db()
    for kept in ("<h3>", "<b>0.9MPa</b>", "<i>", "<ul><li>", 'href="https://example.cn/r"'):
        assert kept in listing.description


def test_scripts_handlers_styles_and_javascript_links_are_stripped():
    owner, org = member()
    listing = save(org, owner, HOSTILE)
    listing.refresh_from_db()
    stored = listing.description
    for gone in ("<script", "alert(1)", "onclick", "style=", "<img", "onerror", "javascript:"):
        assert gone not in stored
    assert "<iframe" not in stored and "<h2" not in stored and "<span" not in stored
    assert "正文" in stored and "大标题" in stored and "大字" in stored


def test_plain_text_is_escaped_into_paragraphs():
    assert text_to_html("第一段 <b>不是标签</b>\n换行\n\n第二段 & 结尾") == (
        "<p>第一段 &lt;b&gt;不是标签&lt;/b&gt;<br/>换行</p><p>第二段 &amp; 结尾</p>"
    )
    assert clean_html("只有文字") == "<p>只有文字</p>"


def test_an_editor_left_empty_stores_nothing():
    assert clean_html("<p><br></p>") == ""


def test_description_text_has_the_words_without_markup():
    owner, org = member()
    listing = save(org, owner, RICH)
    text = listing.description_text
    assert "<" not in text and "0.9MPa" in text and "检测报告" in text
    assert html_to_text(text_to_html(text)) == text


def test_search_document_and_match_profile_read_text_not_html():
    owner, org = member()
    listing = save(org, owner, RICH + "<p>独特词汇甲基丙烯酸</p>")
    document = achievement_document(listing)
    body = " ".join(str(document.get(f, "")) for f in ("body_w", "body_g", "body_c"))
    assert "<" not in body and "href" not in body
    assert "甲基丙烯酸" in document["body_w"].replace(" ", "")
    profile = listing_profile(listing)
    assert "<" not in profile.full_text and "甲基丙烯酸" in profile.full_text


def test_quality_check_finds_figures_inside_formatting():
    owner, org = member()
    listing = good_achievement(org, summary="一种胶黏剂。", description="<p>强度<b>提高</b></p>")
    assert "no_figures" not in quality.evaluate(listing).issues


def test_owner_form_offers_the_rich_text_editor(client):
    owner, _org = member()
    client.force_login(owner)
    page = client.get("/achievements/new/").content.decode()
    assert "data-richtext" in page
    assert "marketplace/richtext.js" in page  # its styles live in the one stylesheet
    assert 'data-command="h3"' in page and 'data-command="link"' in page


def test_form_post_stores_sanitised_rich_text(client):
    owner, org = member()
    client.force_login(owner)
    client.post(
        "/achievements/new/",
        {
            "organization": org.pk,
            "title": "表单富文本成果",
            "summary": "简介",
            "description": RICH + '<script>alert("x")</script>',
            "industry": industry().pk,
            "patent_type": "none",
            "maturity": "lab",
            "save": "1",
        },
    )
    stored = Achievement.objects.get(title="表单富文本成果").description
    assert "<h3>主要指标</h3>" in stored and "<script" not in stored


def test_detail_page_renders_the_rich_text(client):
    owner, org = member()
    listing = good_achievement(org, description=clean_html(RICH))
    page = client.get(f"/achievements/{listing.pk}/").content.decode()
    assert "<h3>主要指标</h3>" in page
    assert "&lt;h3&gt;" not in page
    assert '<a href="https://example.cn/r">检测报告</a>' in page


def test_moderation_review_page_renders_the_rich_text(client):
    owner, org = member()
    listing = good_achievement(org, description=clean_html(RICH))
    client.force_login(staff_user())
    page = client.get(f"/admin/marketplace/review/achievement/{listing.pk}/").content.decode()
    assert "<h3>主要指标</h3>" in page


def test_migration_turns_existing_plain_text_into_paragraphs():
    owner, org = member()
    plain = good_achievement(org)
    rich = good_achievement(org)
    Achievement.objects.filter(pk=plain.pk).update(description="第一段 <原文>\n\n第二段")
    Achievement.objects.filter(pk=rich.pk).update(description="<p>已是<b>富文本</b></p>")
    migration = importlib.import_module("marketplace.migrations.0004_achievement_rich_description")
    migration.plain_text_to_paragraphs(apps, None)
    plain.refresh_from_db()
    rich.refresh_from_db()
    assert plain.description == "<p>第一段 &lt;原文&gt;</p><p>第二段</p>"
    assert rich.description == "<p>已是<b>富文本</b></p>"
