"""Spreadsheet exports that never carry a formula (CSV/formula injection).

A listing title such as `=HYPERLINK("http://x","y")` is data a user typed; opened in Excel or
WPS it must stay text. Every export writes its cells through these helpers:

- xlsx: `xlsx_row(sheet, values)` makes every string a text cell (data type "s"), and a string
  that starts like a formula also gets Excel's quote prefix, so editing the cell keeps it text;
- CSV has no types: `csv_value` puts an apostrophe before such a string (OWASP's advice);
- Wagtail's list exports: `SafeSpreadsheetExportMixin` on the viewset's index view.
"""

from openpyxl.cell import WriteOnlyCell

# What spreadsheet programs read as the start of a formula (tab and CR too: some strip them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value):
    """The value as a CSV field a spreadsheet will not evaluate."""
    return "'" + value if looks_like_formula(value) else value


def xlsx_cell(sheet, value):
    """A cell for `sheet.append`: strings are always text, never formulas."""
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def xlsx_row(sheet, values) -> list:
    return [xlsx_cell(sheet, value) for value in values]


class SafeSpreadsheetExportMixin:
    """For Wagtail index views with `list_export`: Wagtail already writes xlsx strings as text,
    but its CSV writes them as they are."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return csv_value(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
