"""Reasons a person understands. Every term cited occurs in both listings' text."""

from django.utils.translation import gettext as _

from .. import text
from . import compat
from . import profile as profiles

MAX_TERMS = 5
MUTUAL_FIRST = 0.999  # the source is the candidate's best fit among the source's peers


def shared_terms(p: profiles.Profile, m) -> list[str]:
    """Terms of the source listing found in the target, most informative first; every term
    is checked against the raw texts of both sides, so a reason never cites a term that is not
    really there."""
    target_text = text.normalize(
        " ".join([m.source.get("title", ""), *(m.source.get("keywords") or [])])
        + " "
        + m.source.get("summary", "")
    )
    out = []
    for term in p.citable_terms:
        if term in target_text and not any(term in kept or kept in term for kept in out):
            out.append(term)
            if len(out) >= MAX_TERMS:
                break
    return out


def reasons(p: profiles.Profile, m) -> list[str]:
    why = []
    terms = shared_terms(p, m)
    if terms:
        why.append(_("共同关键词：%(terms)s") % {"terms": "、".join(terms)})
    title_hits = [t for t in terms if t in m.source.get("title", "").lower()]
    if title_hits:
        why.append(_("标题命中：%(terms)s") % {"terms": "、".join(title_hits[:3])})
    if m.features.get("mutual", 0) >= MUTUAL_FIRST:
        why.append(_("双向印证：反过来看，对方与本条的契合度也高于同类条目"))
    if overall := m.source.get("evaluation_overall"):
        why.append(_("已通过五元评价（综合 %(score)s）") % {"score": overall})
    if m.features.get("industry"):
        why.append(_("同属%(industry)s产业") % {"industry": m.source.get("industry_name", "")})
    why.extend(compat.phrases(m.features.get("signals", {})))
    return why
