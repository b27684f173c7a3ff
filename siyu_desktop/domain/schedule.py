"""When a scheduled job is due: its rule, and the next due time after a run or a failure.

Two rules: ``every N seconds`` (counted from the end of the last run) and ``daily at HH:MM`` in
the workspace time zone (not the machine's). A job that was missed (the laptop was closed for
three days) is due once, not once per missed occurrence: the next due time is always the first
occurrence after *now*, never after the missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as dtime
from zoneinfo import ZoneInfo

from .clock import zone

RETRY_SECONDS = 3600  # a failed run tries again after this (or at its next occurrence, if sooner)


@dataclass(frozen=True)
class Every:
    seconds: int

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise ValueError("an interval must be positive")


@dataclass(frozen=True)
class DailyAt:
    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(f"no such time of day: {self.hour}:{self.minute}")


Rule = Every | DailyAt


@dataclass(frozen=True)
class Job:
    """A stored job (``store/jobs.py``): what it is, when it is due, who holds it, how it went."""

    name: str
    kind: str
    rule: Rule
    due_at: int
    enabled: bool = True
    lease_owner: str | None = None
    lease_until: int | None = None
    last_started_at: int | None = None
    last_run_at: int | None = None
    last_result: str = ""
    last_error: str = ""
    runs: int = 0
    payload: str = ""

    def leased(self, now: float) -> bool:
        return self.lease_owner is not None and (self.lease_until or 0) > now


_DAILY = re.compile(r"daily (\d{1,2}):(\d{2})")
_EVERY = re.compile(r"every (\d+)")


def parse_rule(text: str) -> Rule:
    """``"every 900"`` or ``"daily 03:00"``, as stored."""
    if m := _EVERY.fullmatch(text.strip()):
        return Every(int(m[1]))
    if m := _DAILY.fullmatch(text.strip()):
        return DailyAt(int(m[1]), int(m[2]))
    raise ValueError(f"not a schedule rule: {text!r}")


def format_rule(rule: Rule) -> str:
    if isinstance(rule, Every):
        return f"every {rule.seconds}"
    return f"daily {rule.hour:02d}:{rule.minute:02d}"


def next_daily(after: float, rule: DailyAt, tz: ZoneInfo | str | None = None) -> int:
    """The first HH:MM in ``tz`` strictly after ``after`` (epoch seconds). A time a DST change
    skips comes out as the moment after the gap; a repeated one as its first occurrence."""
    z = zone(tz)
    day = datetime.fromtimestamp(after, z).date()
    for _ in range(3):
        at = int(datetime.combine(day, dtime(rule.hour, rule.minute), z).timestamp())
        if at > after:
            return at
        day += timedelta(days=1)
    raise AssertionError("unreachable: a day later is always after")


def first_due(rule: Rule, now: float, tz: ZoneInfo | str | None = None, *,
              delay: int = 0) -> int:
    """When a new job is first due: an interval job after ``delay`` (0: at once), a daily one
    at its next occurrence."""
    if isinstance(rule, Every):
        return int(now) + delay
    return next_daily(now, rule, tz)


def next_due(rule: Rule, now: float, tz: ZoneInfo | str | None = None) -> int:
    """After a run that ended at ``now``: one occurrence ahead of now, however many were missed."""
    if isinstance(rule, Every):
        return int(now) + rule.seconds
    return next_daily(now, rule, tz)


def retry_due(rule: Rule, now: float, tz: ZoneInfo | str | None = None,
              retry: int = RETRY_SECONDS) -> int:
    """After a failed run: again within ``retry`` seconds, or at the next occurrence if sooner."""
    return min(next_due(rule, now, tz), int(now) + retry)


def missed(rule: Rule, due_at: float, now: float, tz: ZoneInfo | str | None = None) -> int:
    """How many occurrences from ``due_at`` up to ``now`` a single late run stands for (0 when
    not yet due): for the log and ``siyu jobs list``, never to run them all."""
    if now < due_at:
        return 0
    if isinstance(rule, Every):
        return int((now - due_at) // rule.seconds) + 1
    count, at = 0, float(due_at) - 1
    while True:
        at = next_daily(at, rule, tz)
        if at > now or count > 10_000:
            return count
        count += 1
