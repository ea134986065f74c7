"""Every write to the marketplace goes through these functions (see each module)."""

from .annex import decide_annex_request, record_annex_download, request_annex_access, set_annex
from .editing import attach_files, delete_attachment, save_listing
from .engagement import (
    express_interest,
    record_view,
    reply_to_inquiry,
    set_inquiry_status,
    toggle_favourite,
)
from .errors import ListingActionRefused
from .lifecycle import (
    approve_listing,
    archive_listing,
    expire_listing,
    expire_overdue_needs,
    reject_listing,
    submit_listing,
    withdraw_listing,
)

__all__ = [
    "ListingActionRefused",
    "approve_listing",
    "archive_listing",
    "attach_files",
    "decide_annex_request",
    "delete_attachment",
    "expire_listing",
    "expire_overdue_needs",
    "express_interest",
    "record_annex_download",
    "record_view",
    "reject_listing",
    "reply_to_inquiry",
    "request_annex_access",
    "save_listing",
    "set_annex",
    "set_inquiry_status",
    "submit_listing",
    "toggle_favourite",
    "withdraw_listing",
]
