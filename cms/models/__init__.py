from .challenge import ChallengeCallIndexPage, ChallengeCallItem, ChallengeCallPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .policy import PolicyAttachment, PolicyIndexPage, PolicyPage, PolicyRelation, PolicyStatus
from .service import ServicePage, StandardPage
from .site_settings import MenuItem, PortalSettings

__all__ = [
    "ChallengeCallIndexPage",
    "ChallengeCallItem",
    "ChallengeCallPage",
    "HomePage",
    "MenuItem",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PolicyAttachment",
    "PolicyIndexPage",
    "PolicyPage",
    "PolicyRelation",
    "PolicyStatus",
    "PortalSettings",
    "ServicePage",
    "StandardPage",
]
