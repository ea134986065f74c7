"""Working-day arithmetic for the 公示 period (weekends skipped; Asia/Shanghai dates)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date of the `days`-th working day after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def notice_period_end(start: datetime, days: int) -> datetime:
    """A notice that starts at `start` runs `days` full working days after that day: it ends at
    midnight (Beijing time) after the last of them."""
    local_start = start.astimezone(SHANGHAI).date()
    last_day = add_working_days(local_start, days)
    return datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=SHANGHAI)
