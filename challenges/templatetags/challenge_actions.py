"""Challenge actions shown on other apps' pages (marketplace's need page loads this library, as it
loads search's and brokerage's: a template naming a tag, not an import)."""

from django import template

from ..models import Challenge

register = template.Library()


@register.inclusion_tag("challenges/includes/promote_need.html", takes_context=True)
def promote_need_button(context, need):
    """转为榜单 for the need's administrators: the button while the need can become a 榜单, a link
    to its 榜单 once it has one. Nothing for anyone else."""
    user = context["request"].user
    if not user.has_perm("challenges.promote_need", need):
        return {"show": False}
    challenge = Challenge.objects.filter(source_need=need).only("pk", "status").first()
    eligible = need.status == "published" or need.kind == "challenge"
    return {
        "show": challenge is not None or eligible,
        "need": need,
        "challenge": challenge,
        "csrf_token": context.get("csrf_token"),
    }
