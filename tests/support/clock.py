"""The fake clock for tests: ``siyu_desktop.domain.clock.FakeClock`` (stands still until moved),
plus the adapter for services that still take a ``clock=`` callable."""

from __future__ import annotations

from collections.abc import Callable

from siyu_desktop.domain.clock import DEFAULT_TZ, Clock, FakeClock, SystemClock

SHANGHAI = DEFAULT_TZ
# 2026-03-01 09:00 Asia/Shanghai: a fixed, ordinary working morning
MORNING = 1_772_326_800.0


def fake_clock(start: float = MORNING) -> FakeClock:
    return FakeClock(start)


def as_callable(clock: Clock) -> Callable[[], float]:
    """For APIs that take ``clock: Callable[[], float]`` (e.g. ``OutboxService``)."""
    return clock.now


__all__ = ["MORNING", "SHANGHAI", "Clock", "FakeClock", "SystemClock", "as_callable",
           "fake_clock"]
