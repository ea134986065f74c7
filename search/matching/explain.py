"""Reasons a person understands. Every term cited occurs in both listings' text."""

from functools import cache

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import generic, registry, text
from . import compat
from . import profile as profiles

MAX_TERMS = 5
MUTUAL_FIRST = 0.999  # the source is the candidate's best fit among the source's peers

PHRASES = {
    "shared": _("共同关键词：%(terms)s"),
    "title": _("标题命中：%(terms)s"),
    "mutual": _("双向印证：反过来看，对方与本条的契合度也高于同类条目"),
    "evaluated": _("已通过五元评价（综合 %(score)s）"),
    "industry": _("同属%(industry)s产业"),
    "budget_covers": _("预算覆盖报价"),
    "over_budget": _("报价高于预算，可议价"),
    "maturity": _("成熟度：%(stage)s"),
    "licensable": _("可许可"),
    "mode_fit": _("合作方式相符"),
}


@cache
def phrases(language: str | None) -> dict[str, str]:
    """The phrases in one language, translated once: gettext walks Django's whole chain of
    fallback catalogues for a string it does not find (every Chinese source string under
    zh-hans), which cost about 0.2 ms per match when done for every reason."""
    out = {key: str(phrase) for key, phrase in PHRASES.items()}
    stages = registry.labels("maturity")
    return out | {f"stage:{value}": str(label) for value, label in stages.items()}


def shared_terms(p: profiles.Profile, m) -> list[str]:
    """Terms of the source listing found in the target, most informative first; every term
    is checked against the raw texts of both sides, so a reason never cites a term that is not
    really there. Generic words (generic.py: measured, said in nearly every industry) never
    count: a pair across industries is explained by its real overlap or not at all."""
    target_text = text.normalize(
        " ".join([m.source.get("title", ""), *(m.source.get("keywords") or [])])
        + " "
        + m.source.get("summary", "")
    )
    out = []
    for term in p.citable_terms:
        if generic.is_generic(term):
            continue
        if term in target_text and not any(term in kept or kept in term for kept in out):
            out.append(term)
            if len(out) >= MAX_TERMS:
                break
    return out


def reasons(listing, p: profiles.Profile, m) -> list[str]:
    """Why m (a match for listing, whose text profile is p) was suggested."""
    say = phrases(get_language())
    why = []
    terms = shared_terms(p, m)
    m.features["shared_terms"] = terms  # a strong match needs some (search.services)
    if terms:
        why.append(say["shared"] % {"terms": "、".join(terms)})
    title_hits = [t for t in terms if t in m.source.get("title", "").lower()]
    if title_hits:
        why.append(say["title"] % {"terms": "、".join(title_hits[:3])})
    if m.features.get("mutual", 0) >= MUTUAL_FIRST:
        why.append(say["mutual"])
    if overall := m.source.get("evaluation_overall"):
        why.append(say["evaluated"] % {"score": overall})
    if m.features.get("industry"):
        # The same industry as the listing's own: its name in the reader's language (the
        # index keeps the Chinese name).
        industry = getattr(listing, "industry", None)
        name = industry.label if industry else m.source.get("industry_name", "")
        why.append(say["industry"] % {"industry": name})
    return why + compatibility(compat.signals(listing, m.source), say)


def compatibility(s: dict, say: dict[str, str]) -> list[str]:
    """The compatibility signals (see compat.py) in words."""
    out = []
    if s["budget_covers"] is True:
        out.append(say["budget_covers"])
    elif s["budget_covers"] is False:
        out.append(say["over_budget"])
    if s["maturity"] in ("industrialized", "small_batch"):
        out.append(say["maturity"] % {"stage": say[f"stage:{s['maturity']}"]})
    if s["licensable"]:
        out.append(say["licensable"])
    if s["mode_fit"]:
        out.append(say["mode_fit"])
    return out
