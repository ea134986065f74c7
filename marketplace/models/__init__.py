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
    "Need",
    "Status",
    "TransferMode",
]
