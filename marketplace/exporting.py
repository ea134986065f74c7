"""Excel export of listings, in the import format (a file exported here can be re-imported)."""

import io

from openpyxl import Workbook

from core.spreadsheets import xlsx_row

from .models import Achievement

ACHIEVEMENT_COLUMNS = [
    "external_id", "title", "summary", "description", "keywords", "industry", "patent_type",
    "patent_number",
    "ipc", "legal_status", "maturity", "transfer_modes", "asking_price_cny", "owner_org",
    "owner_type", "status", "quality_score", "view_count", "published_at",
]  # fmt: skip
NEED_COLUMNS = [
    "external_id", "title", "description", "keywords", "industry", "budget_min_cny",
    "budget_cny", "deadline", "org", "status", "quality_score", "view_count", "published_at",
]  # fmt: skip


def _value(listing, column):
    match column:
        case "keywords" | "transfer_modes":
            return ";".join(getattr(listing, column) or [])
        case "industry":
            return listing.industry.code
        case "owner_org" | "org":
            return listing.organization.name
        case "owner_type":
            return listing.organization.kind
        case "description":
            # Plain text, like the import files; a re-import wraps it into paragraphs again.
            return listing.description_text
        case "budget_cny":
            return listing.budget_max_cny
        case "published_at":
            return listing.published_at.replace(tzinfo=None) if listing.published_at else None
        case "external_id":
            return listing.external_id or f"{type(listing).__name__[0]}-{listing.pk}"
    return getattr(listing, column)


def export_xlsx(queryset) -> bytes:
    """Never includes the reserve price: the file may travel further than its reader."""
    is_achievement = queryset.model is Achievement
    columns = ACHIEVEMENT_COLUMNS if is_achievement else NEED_COLUMNS
    book = Workbook(write_only=True)
    sheet = book.create_sheet("achievements" if is_achievement else "needs")
    sheet.append(columns)
    for listing in queryset.select_related("industry", "organization"):
        sheet.append(xlsx_row(sheet, [_value(listing, c) for c in columns]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
