"""How fast long work goes and how long it has left, from what is done so far (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pace:
    done: int
    total: int
    elapsed_s: float

    @property
    def per_second(self) -> float | None:
        """None until there is enough to judge (a second and a few items)."""
        if self.elapsed_s < 1.0 or self.done < 3:
            return None
        return self.done / self.elapsed_s

    @property
    def seconds_left(self) -> float | None:
        rate = self.per_second
        if rate is None or rate <= 0:
            return None
        return max(self.total - self.done, 0) / rate


def rough_duration(seconds: float) -> tuple[int, str]:
    """A duration as an operator reads it: (amount, "s" | "min" | "h"), rounded up so "about 1
    minute" never turns out to be 90 seconds."""
    if seconds < 60:
        return max(1, int(-(-seconds // 1))), "s"
    if seconds < 3600:
        return int(-(-seconds // 60)), "min"
    return int(-(-seconds // 3600)), "h"


def exact_duration(seconds: float) -> tuple[int, int, int]:
    """(hours, minutes, seconds) of a finished stretch, to the nearest second (at least 1)."""
    total = max(1, round(seconds))
    return total // 3600, total % 3600 // 60, total % 60
