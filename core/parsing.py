"""Reading numbers out of URLs and query strings without surprises.

`str.isdigit` accepts "³" and "٣" (and `int` then fails or reads them as digits), and a
20-digit id overflows the database's integer: both used to end in a 500.
"""

import re

ASCII_DIGITS = re.compile(r"[0-9]{1,18}")  # 18 digits always fit a PostgreSQL bigint


def parse_id(value) -> int | None:
    """The integer an id string stands for, or None unless it is 1–18 ASCII digits."""
    text = str(value or "")
    return int(text) if ASCII_DIGITS.fullmatch(text) else None


def parse_year(value) -> int | None:
    """A four-digit calendar year, or None."""
    text = str(value or "")
    return int(text) if re.fullmatch(r"[12][0-9]{3}", text) else None
