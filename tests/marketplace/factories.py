"""Marketplace-specific factories and helpers on top of tests/factories.py."""

from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import Membership, Organization
from tests.factories import AchievementFactory, MembershipFactory, NeedFactory, UserFactory

RICH_SUMMARY = (
    "以脱脂豆粕为原料，经碱解改性与环氧交联，制得不含甲醛的植物蛋白胶黏剂。固含量约40%，"
    "适用期6小时以上，可直接使用现有调胶、辊涂、冷压和热压设备。压制的杨木多层板63℃热水浸渍后"
    "胶合强度达0.9MPa，较脲醛胶提高20%，已在两条生产线完成中试。"
)


def member(*, role=Membership.Role.OWNER, verified_org=True, verified_email=True, kind=None):
    """A user in an organization (verified unless told otherwise)."""
    org_kwargs = {}
    if not verified_org:
        org_kwargs["organization__verification_status"] = Organization.Verification.PENDING
    if kind:
        org_kwargs["organization__kind"] = kind
    membership = MembershipFactory(
        role=role, user=UserFactory(verified=verified_email), **org_kwargs
    )
    return membership.user, membership.organization


def staff_user(**kwargs):
    """Platform staff; they must have an authenticator app (accounts' MFA middleware)."""
    user = UserFactory(is_staff=True, is_superuser=True, **kwargs)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def good_achievement(org, **kwargs):
    """An achievement that passes the quality check."""
    defaults = {
        "organization": org,
        "summary": RICH_SUMMARY,
        "patent_number": "ZL202310456781.4",
        "contact_name": "王老师",
        "contact_phone": "0539-8888888",
    }
    return AchievementFactory(**{**defaults, **kwargs})


def good_need(org, **kwargs):
    defaults = {
        "organization": org,
        "description": "我们年产多层板约8万立方米，客户要求无醛添加。希望找到不含甲醛的胶，"
        "能用现有调胶、冷压热压设备，每方成本增加不超过80元，泡水不开胶，适用期不低于8小时，"
        "较现有脲醛胶甲醛释放降低90%以上。已在本厂试用过两种方案，效果不理想。",
        "contact_name": "张经理",
        "contact_phone": "13800000000",
        "deadline": "2027-06-30",
    }
    return NeedFactory(**{**defaults, **kwargs})


__all__ = [
    "AchievementFactory",
    "NeedFactory",
    "UserFactory",
    "good_achievement",
    "good_need",
    "member",
    "staff_user",
]
