"""Client-side rate limits: token buckets sized from WeCom's published per-API limits.

Staying under the limit is cheaper than hitting 45009, whose penalty is the whole window (a
minute, an hour, the rest of the day). Clock and sleep are injectable so tests run instantly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Limit:
    """At most ``calls`` per ``window`` seconds."""

    calls: int
    window: float


# Reference §11: per corp per API 10 000/min and 150 000/hour; permanent images 1 000/day;
# group robot 20 messages/min per robot.
DEFAULT_LIMITS: tuple[Limit, ...] = (Limit(10_000, 60), Limit(150_000, 3600))
PATH_LIMITS: dict[str, tuple[Limit, ...]] = {
    "/cgi-bin/media/uploadimg": (*DEFAULT_LIMITS, Limit(1000, 86_400)),
    "/cgi-bin/webhook/send": (Limit(20, 60),),
}

# A bucket holding the whole allowance and refilling at the full rate could spend almost twice
# the limit in one window; splitting it between burst and refill keeps any window at or under it.
_BURST_SHARE = 0.2


@dataclass
class TokenBucket:
    limit: Limit
    clock: Clock
    tokens: float = field(init=False)
    capacity: float = field(init=False)
    rate: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self) -> None:
        self.capacity = max(1.0, self.limit.calls * _BURST_SHARE)
        self.rate = (self.limit.calls - self.capacity) / self.limit.window
        if self.rate <= 0:
            self.rate = self.limit.calls / self.limit.window
        self.tokens = self.capacity
        self.updated = self.clock()

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait_time(self) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        self._refill()
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self._refill()
        self.tokens -= 1


class RateLimiter:
    """One set of buckets per key (an API path, or a robot key); ``acquire`` waits for all."""

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        limits: dict[str, tuple[Limit, ...]] | None = None,
        default: Sequence[Limit] = DEFAULT_LIMITS,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._limits = dict(PATH_LIMITS if limits is None else limits)
        self._default = tuple(default)
        self._buckets: dict[str, list[TokenBucket]] = {}
        self.waited = 0.0  # total seconds spent waiting, for progress reports and tests

    def _for(self, key: str, path: str) -> list[TokenBucket]:
        buckets = self._buckets.get(key)
        if buckets is None:
            limits = self._limits.get(path, self._default)
            buckets = [TokenBucket(limit, self._clock) for limit in limits]
            self._buckets[key] = buckets
        return buckets

    async def acquire(self, path: str, key: str | None = None) -> None:
        buckets = self._for(key or path, path)
        while True:
            delay = max(bucket.wait_time() for bucket in buckets)
            if delay <= 0:
                break
            self.waited += delay
            await self._sleep(delay)
        for bucket in buckets:
            bucket.take()
