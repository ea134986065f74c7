"""Something waiting in every demo account's work queue (core.work), so each role's 我的工作台
shows its queue on a fresh `make run`. Runs after every app's demo; safe to run again."""

from django.utils.translation import gettext as _

DEMO_BILL_PREFIX = "LY-DEMO-WORK-"


def load(*, stdout=None) -> None:
    from accounts.demo import USERS
    from accounts.models import User
    from core.work import work_for

    for email, *_rest in USERS:
        user = User.objects.filter(email=email).first()
        if user is None or _waiting(work_for(user)):
            continue
        _inquiry_for(user)
        if not _waiting(work_for(user)):
            _bill_for(user)


def _waiting(items) -> bool:
    return any(not item.is_entry for item in items)


def _inquiry_for(owner) -> None:
    """A new inquiry on one of the owner's published listings, from another demo organization."""
    from accounts.models import Membership, User
    from core.errors import ActionRefused
    from marketplace import services
    from marketplace.models import Achievement, Need, Status

    admin_orgs = Membership.objects.filter(
        user=owner, role__in=(Membership.Role.OWNER, Membership.Role.ADMIN)
    ).values("organization_id")
    listing = (
        Achievement.objects.filter(organization__in=admin_orgs, status=Status.PUBLISHED).first()
        or Need.objects.filter(organization__in=admin_orgs, status=Status.PUBLISHED).first()
    )
    if listing is None:
        return
    asker = (
        User.objects.filter(
            email__endswith="@demo.linyi", is_staff=False, memberships__isnull=False
        )
        .exclude(memberships__organization=listing.organization)
        .order_by("pk")
        .first()
    )
    if asker is None:
        return
    try:
        services.express_interest(
            listing=listing,
            by=asker,
            message=_("我们对这项发布很感兴趣，希望约时间详细沟通合作方式和费用。"),
        )
    except ActionRefused:
        return


def _bill_for(user) -> None:
    """An order for a paid service, not paid yet (an online checkout left open)."""
    from accounts.models import Membership
    from payments.models import Payment, Purpose

    membership = Membership.objects.filter(user=user).select_related("organization").first()
    Payment.objects.get_or_create(
        number=f"{DEMO_BILL_PREFIX}{user.pk:04d}",
        defaults={
            "purpose": Purpose.PRODUCT,
            "description": _("技术成果转化咨询服务（待支付）"),
            "amount_fen": 300_000,
            "payer": user,
            "payer_organization": membership.organization if membership else None,
        },
    )
