"""Challenge actions shown on other apps' pages (marketplace's need page loads this library, as it
loads search's and brokerage's: a template naming a tag, not an import)."""

from django import template

from ..models import Challenge

register = template.Library()


@register.simple_tag
def public_challenge_of(need) -> Challenge | None:
    """The public 揭榜挂帅榜单 made from the need, if any: the need's page names it and its
    bounty (Need has no bounty of its own)."""
    # Asked for by two blocks of the page: one query, remembered on the need.
    if not hasattr(need, "_public_challenge"):
        need._public_challenge = (
            Challenge.objects.filter(source_need=need, status__in=Challenge.PUBLIC_STATUSES)
            .only("pk", "bounty_cny")
            .first()
        )
    return need._public_challenge


@register.inclusion_tag("challenges/includes/promote_need.html", takes_context=True)
def promote_need_button(context, need):
    """转为榜单 for the need's administrators: the button while the need can become a 榜单, a link
    to its 榜单 once it has one. Nothing for anyone else."""
    user = context["request"].user
    if not user.has_perm("challenges.promote_need", need):
        return {"show": False}
    challenge = Challenge.objects.filter(source_need=need).only("pk", "status").first()
    return {
        "show": challenge is not None or need.status == "published",
        "need": need,
        "challenge": challenge,
        "csrf_token": context.get("csrf_token"),
    }
