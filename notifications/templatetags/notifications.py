from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user) if user is not None else 0
    return {"count": count, "user": user}
