"""Schedule rules: when a job is due next, a missed job runs once, daily times in the brand's zone."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from siyu_desktop.domain import schedule
from siyu_desktop.domain.schedule import DailyAt, Every

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args: int, tz: ZoneInfo = SHANGHAI) -> float:
    return datetime(*args, tzinfo=tz).timestamp()  # type: ignore[misc]


def local(ts: float, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime.fromtimestamp(ts, tz)


def test_rules_round_trip_and_bad_ones_are_refused() -> None:
    for rule in (Every(900), DailyAt(3, 0), DailyAt(23, 59)):
        assert schedule.parse_rule(schedule.format_rule(rule)) == rule
    assert schedule.format_rule(DailyAt(3)) == "daily 03:00"
    for text in ("daily 24:00", "daily 3:60", "every 0", "hourly", ""):
        with pytest.raises(ValueError):
            schedule.parse_rule(text)


def test_interval_counts_from_the_end_of_a_run() -> None:
    now = at(2025, 3, 1, 10, 0)
    assert schedule.first_due(Every(900), now) == int(now)
    assert schedule.first_due(Every(900), now, delay=900) == int(now) + 900
    assert schedule.next_due(Every(900), now) == int(now) + 900


def test_daily_at_three_in_shanghai() -> None:
    rule = DailyAt(3, 0)
    assert local(schedule.first_due(rule, at(2025, 3, 1, 2, 0))) == datetime(2025, 3, 1, 3, 0, tzinfo=SHANGHAI)
    assert local(schedule.first_due(rule, at(2025, 3, 1, 4, 0))) == datetime(2025, 3, 2, 3, 0, tzinfo=SHANGHAI)
    exactly = at(2025, 3, 1, 3, 0)
    assert local(schedule.next_due(rule, exactly)) == datetime(2025, 3, 2, 3, 0, tzinfo=SHANGHAI)
    # across midnight: 23:30 on the 1st → 03:00 on the 2nd
    assert local(schedule.next_due(rule, at(2025, 3, 1, 23, 30))) == datetime(2025, 3, 2, 3, 0, tzinfo=SHANGHAI)


def test_daily_time_is_the_workspace_zone_not_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        due = schedule.next_due(DailyAt(3, 0), at(2025, 3, 1, 12, 0), SHANGHAI)
        assert local(due) == datetime(2025, 3, 2, 3, 0, tzinfo=SHANGHAI)
        assert time.localtime(due).tm_hour == 11  # 11:00 on the 1st on the laptop's clock
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_missed_job_is_due_once_and_next_after_now() -> None:
    rule = DailyAt(3, 0)
    due = at(2025, 3, 1, 3, 0)
    three_days_later = at(2025, 3, 4, 9, 0)
    assert schedule.missed(rule, due, three_days_later, SHANGHAI) == 4  # the 1st .. the 4th
    nxt = schedule.next_due(rule, three_days_later, SHANGHAI)
    assert local(nxt) == datetime(2025, 3, 5, 3, 0, tzinfo=SHANGHAI)  # not the 2nd, 3rd, 4th
    assert schedule.missed(Every(900), 1000, 1000 + 3 * 86400, None) == 289
    assert schedule.missed(Every(900), 1000, 999, None) == 0


def test_a_failed_run_retries_within_the_hour_or_at_its_next_occurrence() -> None:
    now = at(2025, 3, 1, 10, 0)
    assert schedule.retry_due(Every(24 * 3600), now) == int(now) + schedule.RETRY_SECONDS
    assert schedule.retry_due(Every(900), now) == int(now) + 900


def test_daily_across_dst_in_a_zone_that_has_it() -> None:
    ny = ZoneInfo("America/New_York")
    rule = DailyAt(2, 30)  # 2025-03-09 02:30 does not exist in New York
    due = schedule.next_due(rule, at(2025, 3, 8, 12, 0, tz=ny), ny)
    assert local(due, ny).date().isoformat() == "2025-03-09"
    after = schedule.next_due(rule, due, ny)
    assert local(after, ny) == datetime(2025, 3, 10, 2, 30, tzinfo=ny)
    # Shanghai has no DST: 03:00 is always 19:00 UTC the day before
    for day in (1, 15):
        for month in (1, 7):
            d = schedule.next_due(DailyAt(3), at(2025, month, day, 4, 0), SHANGHAI)
            assert datetime.fromtimestamp(d, ZoneInfo("UTC")).hour == 19
