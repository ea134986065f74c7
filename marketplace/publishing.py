"""Why a signed-in user may not publish yet, in their words: the dashboard shows it instead of
buttons that would only be refused, and the create form's refusal says the same."""

from django.utils.translation import gettext as _

from accounts.models import Organization
from accounts.rules import has_verified_email


def publishing_blocker(user, organizations) -> str:
    """ "" when the user may publish for one of `organizations`; else what stands in the way."""
    if any(user.has_perm("marketplace.post_for_org", o) for o in organizations):
        return ""
    if not has_verified_email(user):
        return _("请先验证您的登录邮箱，验证后即可发布成果与需求。")
    pending = [
        o for o in organizations if o.verification_status == Organization.Verification.PENDING
    ]
    if pending:
        return _(
            "机构“%(name)s”的认证正在审核中，平台通常在 3 个工作日内完成；通过后即可发布成果与需求。"  # noqa: E501
        ) % {"name": pending[0].name}
    if organizations:
        return _("您所在的机构尚未通过认证。请机构管理员提交认证材料，通过后即可发布成果与需求。")
    return _("加入或创建一个机构并通过认证后，即可发布成果与需求。")
