"""One front-end kit: a small scan over every template and stylesheet of the project.

The public site has one stylesheet (static/css/portal.css, linked in the <head> of base.html and of
the standalone error layout); the Wagtail admin has its own (cms/static/cms/admin.css, added by a
Wagtail hook). A template links no other stylesheet, writes no inline <style>, hard-codes no
internal address (`{% url %}` writes them, so the language prefix and any move follow), renders
forms through the form renderer (never as_p/as_table/as_ul) and pages lists through the one
pagination include.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "var", "node_modules", ".git", "staticfiles"}
THE_STYLESHEET = "{% static 'css/portal.css' %}"
ADMIN_STYLESHEET = ROOT / "cms" / "static" / "cms" / "admin.css"
PAGINATION = ROOT / "templates" / "includes" / "pagination.html"

STYLESHEET_LINK = re.compile(r"<link\b[^>]*\brel=[\"']?stylesheet[^>]*>", re.I)
HREF = re.compile(r"\bhref=\"([^\"]*)\"")
INLINE_STYLE = re.compile(r"<style\b", re.I)
# An internal address written by hand: "/..." (but not "//host", a protocol-relative link).
ADDRESS = r"(?:href|action|src|formaction|hx-(?:get|post|put|patch|delete))"
HARD_CODED = re.compile(rf"\b{ADDRESS}=[\"']/(?!/)")


def _project_files(pattern: str):
    for path in sorted(ROOT.rglob(pattern)):
        if not SKIP.intersection(path.relative_to(ROOT).parts):
            yield path


def _templates():
    return [p for p in _project_files("*.html") if "templates" in p.relative_to(ROOT).parts]


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_scan_sees_the_templates_of_every_app():
    names = {_name(p).split("/")[0] for p in _templates()}
    assert {"templates", "marketplace", "evaluation", "brokerage", "payments", "cms"} <= names


def test_the_only_stylesheets_are_the_portal_kit_and_the_admin_theme():
    sheets = {_name(p) for p in _project_files("*.css") if "static" in p.relative_to(ROOT).parts}
    assert sheets == {"static/css/portal.css", _name(ADMIN_STYLESHEET)}


def test_templates_link_only_the_kit_and_only_in_the_head():
    wrong = []
    for path in _templates():
        html = path.read_text()
        body = html.find("<body")
        for link in STYLESHEET_LINK.finditer(html):
            href = HREF.search(link.group(0))
            in_head = body != -1 and link.start() < body and "<head" in html[: link.start()]
            if not href or href.group(1) != THE_STYLESHEET or not in_head:
                wrong.append(f"{_name(path)}: {link.group(0)}")
    assert wrong == []


def test_no_template_writes_an_inline_style_sheet():
    assert [_name(p) for p in _templates() if INLINE_STYLE.search(p.read_text())] == []


def test_no_template_hard_codes_an_internal_address():
    wrong = [
        f"{_name(path)}:{number}: {line.strip()}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HARD_CODED.search(line)
    ]
    assert wrong == []


def test_forms_are_rendered_by_the_form_renderer_not_as_p_table_or_ul():
    old_ways = re.compile(r"\.as_(?:p|table|ul)\b")
    assert [_name(p) for p in _templates() if old_ways.search(p.read_text())] == []


def test_lists_are_paged_by_the_one_pagination_include():
    others = [
        _name(p)
        for p in _templates()
        if p != PAGINATION
        and (p.name == "pagination.html" or 'class="pagination"' in p.read_text())
    ]
    assert others == []


# One tab bar: `nav.tabs > a`, the active tab aria-current="page", a count in span.tabs__n
# (static/css/portal.css, "Tabs"). Any other class naming a tab (ch-tabs, status-tabs, a
# `tab-…`) is a second style.
THE_TABS = {"tabs", "tabs__n"}
TAB_NAME = re.compile(r"(?<![a-z])tabs?(?![a-z])")
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTRIBUTE = re.compile(r"\bclass=\"([^\"]*)\"")
STYLESHEET = ROOT / "static" / "css" / "portal.css"


def _without_comments(css: str) -> str:
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_the_kit_styles_one_tab_bar():
    names = set(CSS_CLASS.findall(_without_comments(STYLESHEET.read_text())))
    assert THE_TABS <= names
    assert {name for name in names if TAB_NAME.search(name)} == THE_TABS


def test_templates_use_only_the_one_tab_bar():
    wrong = [
        f"{_name(path)}: {token}"
        for path in _templates()
        for attribute in CLASS_ATTRIBUTE.findall(path.read_text())
        for token in attribute.split()
        if TAB_NAME.search(token) and token not in THE_TABS
    ]
    assert wrong == []


def test_the_active_tab_is_marked_as_the_current_page():
    bars = re.compile(r"<nav class=\"tabs\".*?</nav>", re.S)
    found = [(path, bar) for path in _templates() for bar in bars.findall(path.read_text())]
    assert len(found) >= 3  # the challenge list, organization settings, inquiries by status
    for path, bar in found:
        assert 'aria-current="page"' in bar and "aria-selected" not in bar, _name(path)
