"""What every portal content page shares: a summary for cards, search and Open Graph."""

from django.utils.html import strip_tags
from django.utils.text import Truncator


class PortalPage:
    """Mixin for page models; the page's `summary`/`intro` and cover feed SEO and listings."""

    summary_field = "intro"
    cover_field = ""

    @property
    def summary_text(self) -> str:
        text = self.search_description or getattr(self, self.summary_field, "") or ""
        return Truncator(strip_tags(str(text))).chars(140)

    @property
    def cover_image(self):
        return getattr(self, self.cover_field, None) if self.cover_field else None
