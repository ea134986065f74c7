"""公示 periods count the State Council's working days: holidays skipped, 调休 days counted."""

import logging
from datetime import date, datetime

from challenges.workdays import SHANGHAI, add_working_days, is_working_day, notice_period_end


def test_a_notice_over_national_day_skips_the_holiday_and_counts_the_make_up_saturday():
    announced = datetime(2026, 9, 30, 15, 0, tzinfo=SHANGHAI)
    # 10-01..10-07 are 国庆 holidays; 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13 work.
    assert notice_period_end(announced, 5) == datetime(2026, 10, 14, tzinfo=SHANGHAI)


def test_weekends_only_counting_would_end_that_notice_a_week_early():
    weekends_only_last_day = date(2026, 10, 7)
    assert add_working_days(date(2026, 9, 30), 5) > weekends_only_last_day


def test_a_make_up_saturday_is_a_working_day_and_a_holiday_weekday_is_not():
    assert is_working_day(date(2026, 10, 10))  # Saturday, 调休
    assert is_working_day(date(2026, 9, 20))  # Sunday, 调休
    assert not is_working_day(date(2026, 10, 5))  # Monday in the 国庆 holiday


def test_a_year_without_a_published_schedule_counts_weekends_and_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="challenges.workdays"):
        assert is_working_day(date(2040, 1, 2))  # a Monday
        assert not is_working_day(date(2040, 1, 7))  # a Sunday
    assert "No State Council holiday schedule for 2040" in caplog.text
