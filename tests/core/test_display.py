"""core.display: how the admin and the exports write stored values for people."""

from datetime import UTC, date, datetime
from decimal import Decimal

from core.display import display_value, local_minute


def test_times_are_written_in_shanghai_whatever_zone_they_come_in():
    assert local_minute(datetime(2026, 3, 1, 1, 30, tzinfo=UTC)) == "2026-03-01 09:30"
    assert display_value(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == "2027-01-01 00:00"


def test_ledger_amounts_in_fen_are_written_in_yuan():
    assert display_value(16_000_000, "amount_fen") == "¥160,000.00"
    assert display_value(16_000_000, "payment.amount_fen") == "¥160,000.00"


def test_prices_in_yuan_get_separators_and_an_open_price_reads_negotiable():
    assert display_value(Decimal("800000"), "asking_price_cny") == "¥800,000.00"
    assert display_value(None, "asking_price_cny") == "面议"
    assert display_value(None, "reserve_price_cny") == "—"


def test_nothing_never_reads_none_and_yes_no_read_in_chinese():
    assert display_value(None) == "—"
    assert display_value("") == "—"
    assert display_value(True) == "是" and display_value(False) == "否"
    assert display_value(date(2026, 3, 1)) == "2026-03-01"


def test_json_details_are_written_entry_by_entry_with_money_in_yuan():
    details = {"payment": "LY1", "amount_fen": 24_000_000}

    assert display_value(details) == "payment: LY1；amount_fen: ¥240,000.00"
