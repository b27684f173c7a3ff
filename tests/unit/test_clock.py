"""The clock: "today" is the workspace zone's day, whatever zone the machine is set to."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from siyu_desktop.domain.clock import (
    Clock,
    FakeClock,
    SystemClock,
    days_ago,
    local_now,
    start_of_day,
    today,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is America/Los_Angeles (a laptop abroad)."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_system_clock_is_the_wall_clock() -> None:
    before = time.time()
    now = SystemClock().now()
    assert before <= now <= time.time()
    assert isinstance(SystemClock(), Clock) and isinstance(FakeClock(), Clock)


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2025, 3, 1, 9, 0, tzinfo=SHANGHAI))
    start = clock.now()
    assert clock.now() == start
    clock.advance(30)
    clock.advance(minutes=1, hours=1, days=1)
    assert clock.now() == start + 30 + 60 + 3600 + 86400
    clock.set(1_000.0)
    assert clock.now() == 1_000.0
    with pytest.raises(ValueError):
        FakeClock(datetime(2025, 3, 1, 9, 0))  # naive: which zone?


def test_today_is_the_workspace_day_across_midnight_in_shanghai(los_angeles: None) -> None:
    # 23:59:30 in Shanghai is 07:59:30 the same day in Los Angeles; 00:00:30 is still the 1st there
    clock = FakeClock(datetime(2025, 3, 1, 23, 59, 30, tzinfo=SHANGHAI))
    assert time.localtime(clock.now()).tm_mday == 1 and time.localtime(clock.now()).tm_hour == 7
    assert today(clock, SHANGHAI) == date(2025, 3, 1)
    clock.advance(60)
    assert today(clock, "Asia/Shanghai") == date(2025, 3, 2)
    assert time.localtime(clock.now()).tm_mday == 1  # the machine's day has not changed
    assert today(clock) == date(2025, 3, 2)  # the default zone is the brand's
    assert local_now(clock, SHANGHAI).hour == 0


def test_the_machine_zone_is_ahead_of_shanghai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: already tomorrow there
    time.tzset()
    try:
        clock = FakeClock(datetime(2025, 6, 30, 22, 0, tzinfo=SHANGHAI))
        assert time.localtime(clock.now()).tm_mday == 1
        assert today(clock, SHANGHAI) == date(2025, 6, 30)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_start_of_day_and_days_ago() -> None:
    midnight = start_of_day(date(2025, 3, 2), SHANGHAI)
    assert datetime.fromtimestamp(midnight, SHANGHAI) == datetime(2025, 3, 2, tzinfo=SHANGHAI)
    clock = FakeClock(midnight)
    assert days_ago(clock, 30) == int(midnight) - 30 * 86400
