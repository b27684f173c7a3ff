"""Shared benchmark plumbing: cached data under tests/bench/.cache, medians, peak RSS."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

CACHE = Path(__file__).resolve().parent / ".cache"


def median_ms(fn: Callable[[], Any], repeat: int = 7, warmup: int = 1) -> tuple[float, Any]:
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far. On Linux VmHWM: ru_maxrss survives fork
    and exec, so a child would report its parent's peak when that was higher."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024
    except ImportError:  # Windows
        return psutil.Process(os.getpid()).memory_info().peak_wset / 1024 / 1024


def children_peak_rss_mb() -> float:
    """Peak RSS of the largest child process this one has waited for (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def rss_mb() -> float:
    return psutil.Process(os.getpid()).memory_info().rss / 1024 / 1024


def row(label: str, ours: float, plain: float | None = None, target: str = "", extra: str = "") -> None:
    plain_text = f"{plain:10.1f} ms" if plain is not None else " " * 13
    print(f"  {label:<52} {ours:9.2f} ms   plain SQL {plain_text}   {target:<10} {extra}")
