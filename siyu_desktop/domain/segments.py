"""Segments (人群包): a structured filter over members, saved as JSON.

The store evaluates them (bitmaps for tags, columns and SQL for the rest); this module only says
what a segment means: its fields, how it serialises, how relative dates resolve against today.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Segment:
    all_tags: tuple[int, ...] = ()
    any_tags: tuple[int, ...] = ()
    none_tags: tuple[int, ...] = ()
    levels: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    staff: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
    group_kinds: tuple[str, ...] = ()
    joined_from: date | None = None
    joined_to: date | None = None
    joined_within_days: int | None = None
    birthday_month: int | None = None
    birthday_within_days: int | None = None
    active_after: date | None = None
    active_before: date | None = None
    active_within_days: int | None = None  # active in the last N days
    inactive_days: int | None = None  # silent for at least N days
    points_min: int | None = None
    points_max: int | None = None
    ids: tuple[int, ...] | None = field(default=None)  # an explicit selection ("selected rows")

    def is_empty(self) -> bool:
        return self == Segment()

    def with_(self, **changes: Any) -> Segment:
        return replace(self, **changes)

    def to_json(self) -> str:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, ()):
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Segment:
        data = json.loads(text) if text else {}
        known = {f.name: f for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # a newer version's field: ignore rather than fail
            if key in ("joined_from", "joined_to", "active_after", "active_before") and value:
                value = date.fromisoformat(value)
            elif isinstance(value, list):
                value = tuple(value)
            kwargs[key] = value
        return cls(**kwargs)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ResolvedTimes:
    """Relative parts of a segment turned into absolute UTC epoch bounds for one evaluation."""

    joined_min: int | None
    joined_max: int | None
    active_min: int | None
    active_max: int | None
    birthdays: frozenset[int] | None  # month * 100 + day


def _start_of_day(d: date, tz: ZoneInfo) -> int:
    return int(datetime.combine(d, time.min, tzinfo=tz).timestamp())


def birthdays_within(today: date, days: int) -> frozenset[int]:
    """The (month * 100 + day) keys of the next ``days`` days, today included (29 Feb kept in
    non-leap years by folding it into 1 March's window)."""
    keys = set()
    for offset in range(max(days, 0) + 1):
        d = today + timedelta(days=offset)
        keys.add(d.month * 100 + d.day)
        if d.month == 3 and d.day == 1 and not _is_leap(d.year):
            keys.add(229)
    return frozenset(keys)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def resolve_times(segment: Segment, today: date, tz: ZoneInfo) -> ResolvedTimes:
    joined_min = _start_of_day(segment.joined_from, tz) if segment.joined_from else None
    joined_max = (
        _start_of_day(segment.joined_to + timedelta(days=1), tz) - 1 if segment.joined_to else None
    )
    if segment.joined_within_days is not None:
        within = _start_of_day(today - timedelta(days=segment.joined_within_days), tz)
        joined_min = max(joined_min or within, within)
    active_min = _start_of_day(segment.active_after, tz) if segment.active_after else None
    active_max = _start_of_day(segment.active_before, tz) - 1 if segment.active_before else None
    if segment.active_within_days is not None:
        since = _start_of_day(today - timedelta(days=segment.active_within_days), tz)
        active_min = max(active_min or since, since)
    if segment.inactive_days is not None:
        until = _start_of_day(today - timedelta(days=segment.inactive_days), tz) - 1
        active_max = min(active_max or until, until)
    birthdays: set[int] | None = None
    if segment.birthday_month is not None:
        birthdays = {segment.birthday_month * 100 + d for d in range(1, 32)}
    if segment.birthday_within_days is not None:
        window = birthdays_within(today, segment.birthday_within_days)
        birthdays = set(window) if birthdays is None else birthdays & window
    return ResolvedTimes(
        joined_min, joined_max, active_min, active_max,
        frozenset(birthdays) if birthdays is not None else None,
    )
