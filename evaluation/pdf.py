"""The evaluation report (科技成果评价报告) as PDF, with its verification code.

Like the contract summary in brokerage/, reportlab's built-in CID font STSong-Light renders Chinese
without shipping a font file; the radar chart reuses the geometry of the inline SVG.
"""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import selectors
from .models import EvaluationRequest
from .radar import RINGS, data_points

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BRAND = colors.HexColor("#0b5d63")
GRID = colors.HexColor("#9aa9b2")
SHADE = colors.HexColor("#eef3f4")


def _radar(rows: list[dict], size: int = 220) -> Drawing:
    drawing = Drawing(size, size)
    count = len(rows)

    def flip(points):
        return [coord for x, y in points for coord in (x, size - y)]

    for ring in RINGS:
        ring_points = data_points([ring] * count, size=size)
        drawing.add(Polygon(flip(ring_points), strokeColor=GRID, fillColor=None, strokeWidth=0.4))
    outer = data_points([100] * count, size=size)
    for x, y in outer:
        drawing.add(Line(size / 2, size / 2, x, size - y, strokeColor=GRID, strokeWidth=0.4))
    values = data_points([row["score"] for row in rows], size=size)
    drawing.add(
        Polygon(
            flip(values),
            strokeColor=BRAND,
            fillColor=colors.Color(0.04, 0.36, 0.39, alpha=0.25),
            strokeWidth=1.2,
        )
    )
    labels = data_points([128] * count, size=size)
    for row, (x, y) in zip(rows, labels, strict=True):
        drawing.add(
            String(
                x, size - y - 3, str(row["label"]), fontName=FONT, fontSize=8, textAnchor="middle"
            )
        )
    return drawing


def _table(data, widths, header=True) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    style.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), SHADE))
    table.setStyle(TableStyle(style))
    return table


def evaluation_report_pdf(evaluation: EvaluationRequest, *, verify_url: str) -> bytes:
    achievement = evaluation.achievement
    title_style = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
    h2 = ParagraphStyle(
        "h2", fontName=FONT, fontSize=12.5, leading=18, spaceBefore=8, textColor=BRAND
    )
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15)
    small = ParagraphStyle("small", fontName=FONT, fontSize=8.5, leading=12, textColor=colors.grey)

    def p(text, style=body) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    dims = selectors.dimension_rows(evaluation)
    facts = [
        (_("成果名称"), achievement.title),
        (_("完成单位"), achievement.organization.name),
        (_("成果类别"), evaluation.get_category_display()),
        (_("综合得分"), f"{evaluation.overall_score}"),
        (_("出具日期"), timezone.localtime(evaluation.issued_at).strftime("%Y-%m-%d")),
        (_("报告验证码"), evaluation.verification_code),
    ]
    story = [
        Paragraph(_("科技成果评价报告"), title_style),
        Spacer(1, 6 * mm),
        _table([[p(k), p(v)] for k, v in facts], [40 * mm, 130 * mm], header=False),
        Paragraph(_("五元价值得分"), h2),
        Table(
            [
                [
                    _radar(dims),
                    _table(
                        [[p(_("维度")), p(_("权重")), p(_("得分"))]]
                        + [[p(r["label"]), p(r["weight"]), p(r["score"] or "—")] for r in dims],
                        [28 * mm, 18 * mm, 20 * mm],
                    ),
                ]
            ],
            colWidths=[90 * mm, 80 * mm],
        ),
        Paragraph(_("评价结论"), h2),
        p(evaluation.summary),
    ]
    if evaluation.moderation_note:
        story += [Paragraph(_("分歧讨论结论"), h2), p(evaluation.moderation_note)]
    indicators = selectors.indicator_rows(evaluation)
    story += [
        Paragraph(_("分项指标得分（专家平均）"), h2),
        _table(
            [[p(_("维度")), p(_("指标")), p(_("平均分"))]]
            + [[p(r["dimension"]), p(r["name"]), p(r["mean"] or "—")] for r in indicators],
            [30 * mm, 100 * mm, 40 * mm],
        ),
        Paragraph(_("专家意见"), h2),
    ]
    for comment in selectors.expert_comments(evaluation, reveal=False):
        story.append(
            p(
                _("专家%(label)s：%(text)s")
                % {"label": comment["label"], "text": comment["comment"]}
            )
        )
        story.append(Spacer(1, 2 * mm))
    story += [
        Spacer(1, 6 * mm),
        p(
            _(
                "本报告由临沂技术成果交易平台组织同行专家评价后出具。"
                "核验真伪请访问 %(url)s 并输入验证码 %(code)s。"
            )
            % {"url": verify_url, "code": evaluation.verification_code},
            small,
        ),
    ]
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("科技成果评价报告"),
        author=_("临沂技术成果交易平台"),
        subject=evaluation.verification_code or "",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
