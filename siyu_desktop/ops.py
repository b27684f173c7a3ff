"""What every long operation shares at every layer: one progress type, one cancel type, and the
initiator a write's changes are delivered with.

- ``Progress``: a step's name, how far it is and how far it goes (``total`` 0 while unknown).
  Services report it; the window, the CLI and tests read it. Lower layers (the Excel reader, the
  store) may count with plain integers; the service that calls them turns those into
  ``Progress``.
- ``CancelToken``: the caller flips it (a Cancel button, Ctrl-C, closing the workspace); the work
  checks it between steps. ``token()`` says whether it was cancelled; ``token.check()`` raises
  ``Cancelled``, so a cancelled write rolls back whole.
- ``INITIATOR``: who started the write (a screen's controller, the scheduler, the CLI). The
  workspace reads it when a write is submitted and hands it back with that write's ``Changes``,
  so a screen can tell its own changes from others' (Anki's ``OpChanges`` handler).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import Cancelled


@dataclass(frozen=True)
class Progress:
    step: str  # a stable name ("read", "compare", "write", "members", "push", …)
    done: int = 0
    total: int = 0  # 0 while not known
    step_index: int = 0  # the step's place among the operation's steps, for one bar

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.done / self.total) if self.total else None


ProgressFn = Callable[[Progress], None]


class CancelToken:
    """Thread-safe: flipped on the UI thread (or a signal handler), read on worker threads."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


NEVER = CancelToken()  # for callers that cannot cancel; never flip it


def report(progress: ProgressFn | None, step: str, done: int, total: int = 0,
           step_index: int = 0) -> None:
    if progress is not None:
        progress(Progress(step, done, total, step_index))


def checker(cancel: CancelToken | None) -> Callable[[], None] | None:
    """The raising check lower layers take (``cancel()`` raises ``Cancelled``)."""
    return cancel.check if cancel is not None else None


INITIATOR: ContextVar[object | None] = ContextVar("siyu_initiator", default=None)
