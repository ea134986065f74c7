"""The reusable StreamField blocks of every content page (服务页、通用页、新闻正文)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.validators import is_safe_link, validate_link


def link_href(value) -> str:
    if value.get("page"):
        return value["page"].url or ""
    url = value.get("url") or ""
    # Content saved before the validator existed is checked again as it is shown.
    return url if is_safe_link(url) else ""


class ImageFigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    alt = blocks.CharBlock(
        label=_("替代文字"), required=False, help_text=_("供读屏软件朗读；留空则使用图片标题")
    )
    caption = blocks.CharBlock(label=_("图注"), required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "cms/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), max_length=60)
    text = blocks.TextBlock(label=_("说明"), required=False)
    button_label = blocks.CharBlock(label=_("按钮文字"), max_length=20)
    page = blocks.PageChooserBlock(label=_("目标页面"), required=False)
    url = blocks.CharBlock(
        label=_("目标地址"),
        required=False,
        help_text=_("未选页面时使用；http(s)、mailto、tel 链接或站内地址"),
        validators=[validate_link],
    )

    class Meta:
        icon = "pick"
        label = _("行动号召")
        template = "cms/blocks/call_to_action.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = link_href(value)
        return context


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问题"))
    answer = blocks.RichTextBlock(
        label=_("回答"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )

    class Meta:
        label = _("问答")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, default="常见问题")
    items = blocks.ListBlock(QuestionBlock(), label=_("问答"))

    class Meta:
        icon = "help"
        label = _("常见问题")
        template = "cms/blocks/faq.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("联系人或部门"))
    role = blocks.CharBlock(label=_("职务/服务内容"), required=False)
    phone = blocks.CharBlock(label=_("电话"), required=False)
    email = blocks.EmailBlock(label=_("邮箱"), required=False)
    address = blocks.CharBlock(label=_("地址"), required=False)
    hours = blocks.CharBlock(label=_("办公时间"), required=False)

    class Meta:
        icon = "user"
        label = _("联系卡片")
        template = "cms/blocks/contact_card.html"


class FigureItemBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("数值"), max_length=20)
    unit = blocks.CharBlock(label=_("单位"), max_length=10, required=False)
    label = blocks.CharBlock(label=_("说明"), max_length=30)

    class Meta:
        label = _("数据项")


class FiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False)
    items = blocks.ListBlock(FigureItemBlock(), label=_("数据项"), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        label = _("数据亮点")
        template = "cms/blocks/figures.html"


class ScheduleItemBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("日期"))
    end_date = blocks.DateBlock(label=_("结束日期"), required=False)
    event = blocks.CharBlock(label=_("事项"))

    class Meta:
        label = _("日程")


class ScheduleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("标题"), required=False, default="工作安排")
    items = blocks.ListBlock(ScheduleItemBlock(), label=_("日程"))

    class Meta:
        icon = "date"
        label = _("日程安排")
        template = "cms/blocks/schedule.html"


RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "hr",
    "blockquote",
]


class BodyBlock(blocks.StreamBlock):
    """What an editor can put in the body of any content page."""

    rich_text = blocks.RichTextBlock(
        label=_("正文"), features=RICH_TEXT_FEATURES, template="cms/blocks/rich_text.html"
    )
    image = ImageFigureBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    contact_card = ContactCardBlock()
    figures = FiguresBlock()
    schedule = ScheduleBlock()

    class Meta:
        label = _("内容区块")
