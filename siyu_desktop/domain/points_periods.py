"""The periods points are reported by, and the ranking of a leaderboard.

A week starts on Monday at midnight and a month on its first day at midnight, both in the
workspace's time zone, so a week is not always 7 × 86,400 seconds (a time zone with daylight
saving has a 23- and a 25-hour day a year). A period holds its first second and the first
second after it (``start <= at < end``), as epoch seconds, ready for SQL ranges.

Leaderboards rank with shared places ("1, 2, 2, 4"): members with the same points share a place
and the next one skips as many places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    kind: PeriodKind
    first: date  # the period's first day
    last: date  # its last day
    start: int  # epoch seconds of the first day's midnight
    end: int  # epoch seconds of the midnight after the last day

    def contains(self, at: int) -> bool:
        return self.start <= at < self.end


@dataclass(frozen=True, slots=True)
class Flow:
    """What moved in one period: points issued (earned, and positive adjustments such as
    opening balances and imports), spent, expired, and the net of everything else (points
    taken back by a negative adjustment, reversals)."""

    period: Period
    issued: int = 0
    spent: int = 0
    expired: int = 0
    other: int = 0

    @property
    def net(self) -> int:
        """How much the points in circulation changed over the period."""
        return self.issued - self.spent - self.expired + self.other


def midnight(day: date, tz: ZoneInfo) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_of(day: date, tz: ZoneInfo) -> Period:
    first = monday_of(day)
    after = first + timedelta(days=7)
    return Period(PeriodKind.WEEK, first, after - timedelta(days=1), midnight(first, tz),
                  midnight(after, tz))


def month_of(day: date, tz: ZoneInfo) -> Period:
    first = day.replace(day=1)
    after = (first.replace(year=first.year + 1, month=1) if first.month == 12
             else first.replace(month=first.month + 1))
    return Period(PeriodKind.MONTH, first, after - timedelta(days=1), midnight(first, tz),
                  midnight(after, tz))


def period_of(kind: PeriodKind, day: date, tz: ZoneInfo) -> Period:
    return week_of(day, tz) if kind is PeriodKind.WEEK else month_of(day, tz)


def recent(kind: PeriodKind, today: date, tz: ZoneInfo, count: int) -> list[Period]:
    """The ``count`` periods up to and including the one holding ``today``, oldest first."""
    if count < 1:
        return []
    periods = [period_of(kind, today, tz)]
    while len(periods) < count:
        periods.append(period_of(kind, periods[-1].first - timedelta(days=1), tz))
    periods.reverse()
    return periods


def boundaries(periods: Sequence[Period]) -> list[int]:
    """The edges of consecutive periods: ``[p0.start, p1.start, …, pN.end]``."""
    if not periods:
        return []
    for a, b in zip(periods, periods[1:], strict=False):
        if a.end != b.start:
            raise ValueError("periods must follow each other")
    return [p.start for p in periods] + [periods[-1].end]


def ranks(points: Sequence[int]) -> list[int]:
    """Places for a leaderboard sorted best first: equal points share a place, the next place
    skips (100, 80, 80, 50 → 1, 2, 2, 4)."""
    out: list[int] = []
    for i, value in enumerate(points):
        if i and value > points[i - 1]:
            raise ValueError("points must be sorted best first")
        out.append(out[-1] if i and value == points[i - 1] else i + 1)
    return out


def award_key(day: date, reason: str) -> str:
    """A batch key the operator can read: the day and the reason (``20261211-双十二预热``), with
    nothing a key may not hold (a colon) and no spaces; at most 40 characters."""
    tidy = "-".join(reason.replace(":", " ").replace("：", " ").split())[:30]
    return f"{day:%Y%m%d}-{tidy}" if tidy else f"{day:%Y%m%d}"
