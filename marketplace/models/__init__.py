from .engagement import (
    AnnexAccessRequest,
    AnnexDownload,
    Attachment,
    Favourite,
    Inquiry,
    InquiryReply,
)
from .listings import (
    Achievement,
    Industry,
    Listing,
    ListingEvent,
    Need,
    Status,
    TransferMode,
)

__all__ = [
    "Achievement",
    "AnnexAccessRequest",
    "AnnexDownload",
    "Attachment",
    "Favourite",
    "Industry",
    "Inquiry",
    "InquiryReply",
    "Listing",
    "ListingEvent",
    "Need",
    "Status",
    "TransferMode",
]
