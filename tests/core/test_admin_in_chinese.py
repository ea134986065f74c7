"""Staff whose language is zh-hans read the Wagtail admin in Chinese.

Wagtail 8's own zh_Hans catalogues lack a few hundred of its strings ("Exploring", "Referenced
%(count)s times", the dashboard's "Pages created in" …); locale/zh_Hans holds exactly those, so a
Wagtail upgrade that adds strings fails here, naming them."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


def _po_entries(path: Path):
    """(msgctxt, msgid, msgid_plural) of a .po file; enough of the format for Wagtail's files."""
    entries, current, field = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        keyword = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if keyword:
            field = keyword.group(1)
            if field == "msgctxt" or (field == "msgid" and "msgid" in current):
                if "msgid" in current:
                    entries.append(current)
                current = {}
            current[field] = ast.literal_eval(keyword.group(2))
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
    if "msgid" in current:
        entries.append(current)
    return [(e.get("msgctxt"), e["msgid"], e.get("msgid_plural")) for e in entries if e["msgid"]]


def _untranslated(domain: str) -> list[str]:
    catalog = trans_real.DjangoTranslation("zh-hans", domain=domain)._catalog
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        source = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        for context, msgid, _plural in _po_entries(source):
            key = f"{context}\x04{msgid}" if context else msgid
            if (key, 0) not in catalog and not catalog.get(key):
                missing.append(f"{config.name}: {msgid}")
    return missing


def test_every_wagtail_admin_string_has_a_chinese_translation():
    assert _untranslated("django") == []


def test_every_wagtail_admin_script_string_has_a_chinese_translation():
    assert _untranslated("djangojs") == []


@pytest.fixture
def staff_client(client):
    from tests.challenges.factories import staff_user

    staff = staff_user()  # with a second factor, which force_login stands for
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def test_the_dashboard_counts_pages_in_chinese(staff_client, home_page):
    page = staff_client.get("/admin/").content.decode()

    assert "个页面" in page
    assert "Pages" not in page and "created in" not in page


def test_the_page_explorer_says_where_it_is_in_chinese(staff_client, home_page):
    root = home_page.get_parent()

    page = staff_client.get(f"/admin/pages/{root.pk}/").content.decode()

    assert "浏览: 根目录" in page
    assert "Exploring" not in page and "Root" not in page
    assert "Page type" not in page and "Edited by" not in page


def test_the_page_editor_counts_references_in_chinese(staff_client, home_page):
    page = staff_client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()

    assert "被引用 0 次" in page
    assert "Referenced" not in page and "Toggle minimap" not in page
    assert "Choose when this page should go live" not in page


def test_wagtails_seeded_groups_and_workflow_have_chinese_names():
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Task, Workflow

    english = {"Editors", "Moderators", "Moderators approval", "Root"}
    assert not english & set(Page.objects.filter(depth=1).values_list("title", flat=True))
    assert not english & set(Group.objects.values_list("name", flat=True))
    assert not english & set(Workflow.objects.values_list("name", flat=True))
    assert not english & set(Task.objects.values_list("name", flat=True))


def test_yes_no_cells_tell_screen_readers_in_chinese(staff_client):
    page = staff_client.get("/admin/users/").content.decode()

    assert "True" not in page and "False" not in page
