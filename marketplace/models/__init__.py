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
    "Inquiry",
    "InquiryReply",
    "Listing",
    "ListingEvent",
    "Need",
    "Status",
    "TransferMode",
]
