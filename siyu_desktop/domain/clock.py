"""The time the workspace lives by: one ``Clock`` read for every "now" and "today".

Times are kept as UTC epoch seconds; "today" and "local now" are always taken in a named zone
(the workspace's, default Asia/Shanghai), never in the machine's own, so a laptop set to another
zone sees the same day as the brand. ``SystemClock`` is the real one; ``FakeClock`` stands still
until a test moves it.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Shanghai"


@runtime_checkable
class Clock(Protocol):
    def now(self) -> float:
        """Epoch seconds (UTC)."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> float:
        return time.time()

    def __repr__(self) -> str:
        return "SystemClock()"


def _epoch(at: datetime | float) -> float:
    if isinstance(at, datetime):
        if at.tzinfo is None:
            raise ValueError("a naive datetime has no zone; give one (tzinfo=ZoneInfo(...))")
        return at.timestamp()
    return float(at)


class FakeClock:
    """A clock for tests: it moves only by ``advance`` and ``set``."""

    def __init__(self, start: datetime | float = 0.0) -> None:
        self._now = _epoch(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float = 0.0, *, minutes: float = 0.0, hours: float = 0.0,
                days: float = 0.0) -> float:
        self._now += seconds + 60 * minutes + 3600 * hours + 86400 * days
        return self._now

    def set(self, at: datetime | float) -> None:
        self._now = _epoch(at)

    def __repr__(self) -> str:
        return f"FakeClock({datetime.fromtimestamp(self._now, UTC).isoformat()})"


def zone(tz: ZoneInfo | str | None) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    return ZoneInfo(tz or DEFAULT_TZ)


def local_now(clock: Clock, tz: ZoneInfo | str | None = None) -> datetime:
    """Now as an aware datetime in ``tz``."""
    return datetime.fromtimestamp(clock.now(), zone(tz))


def today(clock: Clock, tz: ZoneInfo | str | None = None) -> date:
    """The date in ``tz`` (not the machine's zone)."""
    return local_now(clock, tz).date()


def start_of_day(day: date, tz: ZoneInfo | str | None = None) -> float:
    """Epoch seconds of local midnight of ``day`` in ``tz``."""
    return datetime(day.year, day.month, day.day, tzinfo=zone(tz)).timestamp()


def days_ago(clock: Clock, days: float) -> int:
    """Epoch seconds ``days`` before now, for "the last N days" queries."""
    return int(clock.now() - timedelta(days=days).total_seconds())
