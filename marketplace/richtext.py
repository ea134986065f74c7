"""Rich text of an achievement's detailed description: a small feature set, always sanitised.

Stored in Wagtail's database rich-text format (rendered with ``|richtext``). Whatever arrives —
the owner's editor, the Wagtail admin, an API client — goes through Wagtail's own whitelister
for these features; plain text (import files, forms without JavaScript) becomes escaped
paragraphs.
"""

import re

from bs4 import BeautifulSoup
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]

TAG_RE = re.compile(r"<[a-zA-Z/][^>]*>")
# Elements whose content is code or chrome, not text: dropped whole, not unwrapped.
DROPPED = ["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"]


def text_to_html(text: str) -> str:
    """Plain text to paragraphs: blank lines separate paragraphs, single newlines become <br/>."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
    )


def clean_html(html: str) -> str:
    """Keeps only the allowed features; plain text (no tags at all) is wrapped into paragraphs."""
    html = (html or "").strip()
    if not html:
        return ""
    if not TAG_RE.search(html):
        return text_to_html(html)
    # Imported here: the converter module loads Wagtail's Page model, and models import us.
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED):
        element.decompose()
    cleaned, _removals = DbHTMLConverter(features=FEATURES).clean(str(soup))
    return cleaned if html_to_text(cleaned) else ""


def html_to_text(html: str) -> str:
    """What search, matching, the quality check and the export read: the words, without markup.

    Paragraphs stay separated by a blank line, so text_to_html() of the result rebuilds them.
    """
    if not html:
        return ""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "h3", "div"]):
        block.append("\n\n")
    for item in soup.find_all("li"):
        item.append("\n")
    lines = (line.strip() for line in soup.get_text().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class RichTextInput(forms.Textarea):
    """A small contenteditable editor over a textarea (the textarea stays the submitted field and
    the fallback without JavaScript). The browser-side sanitiser only protects the editor; the
    server cleans again."""

    template_name = "marketplace/widgets/richtext.html"

    class Media:  # its styles are the richtext section of static/css/portal.css
        js = ["marketplace/richtext.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 12, "data-richtext-source": "", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["toolbar"] = [
            ("bold", _("加粗"), "B"),
            ("italic", _("斜体"), "I"),
            ("h3", _("小标题"), _("标题")),
            ("ul", _("项目符号列表"), _("• 列表")),
            ("ol", _("编号列表"), _("1. 列表")),
            ("link", _("插入链接"), _("链接")),
            ("unlink", _("取消链接"), _("取消链接")),
        ]
        context["link_prompt"] = _("链接地址（以 https:// 开头）")
        return context
