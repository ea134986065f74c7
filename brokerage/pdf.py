"""The contract summary (技术合同登记摘要) as PDF, for the registration office.

reportlab's built-in CID font STSong-Light renders Chinese without shipping any font file.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import TechContract

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _money(value) -> str:
    return f"¥{value:,.2f}"


def contract_summary_pdf(contract: TechContract) -> bytes:
    engagement = contract.engagement
    title_style = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16)
    small = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=13, textColor=colors.grey)

    def p(text) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), body)

    rows = [
        (_("合同名称"), contract.title),
        (_("合同类型"), contract.get_contract_type_display()),
        (_("卖方（受托方/让与方）"), contract.supply_party),
        (_("买方（委托方/受让方）"), contract.demand_party),
        (_("合同金额"), _money(contract.amount_cny)),
        (_("技术交易额"), _money(contract.tech_amount_cny)),
        (_("付款安排"), contract.payment_schedule),
        (_("签订日期"), contract.signed_on.isoformat()),
        (_("履行期限"), f"{contract.term_start.isoformat()} — {contract.term_end.isoformat()}"),
        (_("所属产业"), engagement.industry.name),
        (_("技术经纪人"), str(engagement.lead_broker)),
        (_("认定登记编号"), contract.registration_number or _("（待登记）")),
        (
            _("认定登记日期"),
            contract.registered_on.isoformat() if contract.registered_on else _("（待登记）"),
        ),
    ]
    table = Table([[p(k), p(v)] for k, v in rows], colWidths=[45 * mm, 120 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa9b2")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef3f4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("技术合同登记摘要"),
        author=_("临沂技术成果交易平台"),
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    doc.build(
        [
            Paragraph(_("技术合同认定登记摘要表"), title_style),
            Spacer(1, 8 * mm),
            table,
            Spacer(1, 6 * mm),
            Paragraph(
                _("本摘要由临沂技术成果交易平台根据经纪项目记录生成，生成时间：%(at)s。")
                % {"at": generated},
                small,
            ),
        ]
    )
    return buffer.getvalue()
