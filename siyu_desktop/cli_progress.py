"""Progress on the command line: one updating line on a terminal; otherwise (a pipe, a log file,
CI) one line per step on stderr, each ending in a newline, so nothing runs together on one line.

``with ProgressLine() as progress: work(progress=progress)`` — the line is cleared at the end,
so what the command prints next starts on a clean line. Safe to call from worker threads.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from .ops import Progress

STEP_LABELS = {  # the steps' stable names, as the operator reads them
    "members": "客户", "follows": "添加关系", "tags": "标签", "groups": "社群", "points": "积分",
    "backup": "备份", "export": "导出", "read": "读取", "compare": "比对", "write": "写入",
    "push": "推送", "pull": "拉取", "plan": "准备", "verify": "校验",
}
REDRAW_SECONDS = 0.1


def label(step: str) -> str:
    return STEP_LABELS.get(step, step)


def render(p: Progress) -> str:
    if p.total:
        return f"{label(p.step)} {p.done:,}/{p.total:,}"
    return f"{label(p.step)} {p.done:,}" if p.done else f"{label(p.step)}…"


def render_step(p: Progress) -> str:
    """A step's one line when progress is not redrawn: what it is and how much there is."""
    return f"{label(p.step)}…" + (f"（共 {p.total:,}）" if p.total else "")


class ProgressLine:
    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        if tty is None:
            isatty = getattr(self._stream, "isatty", None)
            tty = bool(isatty and isatty())
        self.tty = tty
        self._lock = threading.Lock()
        self._step: str | None = None
        self._width = 0
        self._drawn_at = 0.0

    def __call__(self, p: Progress) -> None:
        with self._lock:
            if self.tty:
                now = time.monotonic()
                finished = bool(p.total) and p.done >= p.total
                if p.step == self._step and not finished and now - self._drawn_at < REDRAW_SECONDS:
                    return
                self._step, self._drawn_at = p.step, now
                text = render(p)
                pad = max(0, self._width - _cells(text))
                self._stream.write("\r" + text + " " * pad)
                self._width = _cells(text)
            elif p.step != self._step:
                self._step = p.step
                self._stream.write(render_step(p) + "\n")
            else:
                return
            self._stream.flush()

    def close(self) -> None:
        with self._lock:
            if self.tty and self._width:
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()
            self._width = 0

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cells(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)
