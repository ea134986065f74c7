"""Listing quality check (质量评分): a 0-100 score and the named weaknesses behind it."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Below this score a listing can only be submitted with an override note.
SUBMISSION_THRESHOLD = 60
MIN_SUMMARY_CHARS = 80

# code: (points lost, message shown to the owner)
WEAKNESSES = {
    "no_patent": (20, _("未填写专利号或法律状态")),
    "no_figures": (20, _("缺少量化优势：没有具体指标数据，也没有与现有方案的对比")),
    "no_maturity_evidence": (15, _("缺少成熟度佐证：未说明中试、试用、应用案例或检测报告")),
    "short_summary": (20, _("简介过短：建议不少于80字，说明解决什么问题、怎么解决、效果如何")),
    "no_contact": (15, _("未填写联系人或联系方式")),
    "no_keywords": (10, _("未填写关键词")),
    "no_budget": (5, _("未给出预算范围（面议会降低对接效率）")),
    "no_deadline": (5, _("未填写期望完成时间")),
    # A warning, not a weakness: moderators decide (the other listing may be a legitimate twin).
    "duplicate_patent": (0, _("该专利号已用于平台上的另一项成果：同一专利请勿重复发布")),
}

FIGURE_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|倍|MPa|℃|小时|天|年|元|万元|吨|米|mm|kg|级|个百分点|m³)"
    r"|(?:提高|降低|减少|增加|缩短|优于|高于|低于|由.{0,12}提[高升]到)"
)
EVIDENCE_RE = re.compile(r"中试|试运行|试用|应用于|已在|已为|量产|产业化|检测|报告|验证|示范|客户")


@dataclass
class QualityResult:
    score: int
    issues: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [str(WEAKNESSES[code][1]) for code in self.issues]

    @property
    def passes(self) -> bool:
        return self.score >= SUBMISSION_THRESHOLD


def _text(listing) -> str:
    parts = [getattr(listing, "summary", ""), listing.description_text]
    return "\n".join(p for p in parts if p)


def evaluate(listing) -> QualityResult:
    """Scores an Achievement or a Need; works on unsaved instances (used live in the form)."""
    from .models import Achievement

    issues = []
    text = _text(listing)
    is_achievement = isinstance(listing, Achievement)
    if is_achievement:
        patented = listing.patent_type not in (
            Achievement.PatentType.NONE,
            Achievement.PatentType.SOFTWARE,
        )
        if patented and not (listing.patent_number or listing.legal_status):
            issues.append("no_patent")
        if not patented and not listing.legal_status:
            issues.append("no_patent")
        if not EVIDENCE_RE.search(text):
            issues.append("no_maturity_evidence")
        if listing.patent_number and _patent_used_elsewhere(listing):
            issues.append("duplicate_patent")
    else:
        if listing.budget_min_cny is None and listing.budget_max_cny is None:
            issues.append("no_budget")
        if not listing.deadline:
            issues.append("no_deadline")
    if not FIGURE_RE.search(text):
        issues.append("no_figures")
    main_text = listing.summary if is_achievement else listing.description
    if len((main_text or "").strip()) < MIN_SUMMARY_CHARS:
        issues.append("short_summary")
    has_contact = listing.contact_name and (listing.contact_phone or listing.contact_email)
    org = getattr(listing, "organization", None) if listing.organization_id else None
    if not has_contact and not (org and org.contact_name and org.contact_phone):
        issues.append("no_contact")
    if not listing.keywords:
        issues.append("no_keywords")
    score = max(0, 100 - sum(WEAKNESSES[code][0] for code in issues))
    return QualityResult(score=score, issues=issues)


def _patent_used_elsewhere(listing) -> bool:
    from .models import Achievement

    others = Achievement.objects.filter(patent_number__iexact=listing.patent_number.strip())
    return others.exclude(pk=listing.pk).exists() if listing.pk else others.exists()


def apply(listing) -> QualityResult:
    result = evaluate(listing)
    listing.quality_score = result.score
    listing.quality_issues = result.issues
    return result
