"""The one helper every background operation of the window goes through (after Anki's
QueryOp/CollectionOp and FeelUOwn's named tasks): keeps a reference to each asyncio task, shows
busy state, routes failures to feedback, and tells writes' changes from whom they came.

Three kinds of operation, chosen by the method:
- ``run`` is for reads, where "latest wins" is right: starting another of the same ``name``
  cancels the older one (an older search's result is worth nothing once the operator typed on).
- ``run_write`` is for anything that changes the workspace: it is never cancelled by a later
  task, whatever it is called, since cancelling a write before the writer thread takes it
  silently drops what the operator asked for (two quick tag clicks would lose the first). Writes
  reach the single writer thread in the order they were started. Its ``initiator`` (usually the
  controller) comes back on the ``Changes`` the write produced (``ops.INITIATOR``).
- ``run_exclusive`` is for work of which only one may run at a time (a sync with WeCom): while
  one of the same ``key`` runs, another is refused (``None``), never queued or pre-empting.

Blocking work inside an operation runs on a worker thread (the services' ``asyncio.to_thread``
or the writer thread), reports ``ops.Progress`` and stops at ``ops.CancelToken``; the window
shows the latest progress with ``LatestProgress`` polled by a timer, so no Qt object is touched
off the UI thread."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..errors import Cancelled
from ..ops import INITIATOR, CancelToken, Progress

__all__ = ["CancelToken", "LatestProgress", "Progress", "TaskRunner", "in_thread"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class LatestProgress:
    """A ``ProgressFn`` for worker threads: keeps the latest ``Progress``; the UI thread takes it
    on a timer (at most ten updates a second, whatever the worker's pace)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Progress | None = None

    def __call__(self, progress: Progress) -> None:
        with self._lock:
            self._value = progress

    def take(self) -> Progress | None:
        with self._lock:
            value, self._value = self._value, None
        return value


class TaskRunner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, on_error: Callable[[BaseException], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._exclusive: dict[str, asyncio.Task[Any]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def run(self, coro: Coroutine[Any, Any, T], *, name: str | None = None,
            on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task[T]:
        """A read: starting another ``run`` of the same ``name`` cancels this one."""
        if name is not None and (previous := self._named.get(name)) and not previous.done():
            previous.cancel()
        return self._start(coro, name, on_done, on_error)

    def run_write(self, coro: Coroutine[Any, Any, T], *, initiator: object | None = None,
                  on_done: Callable[[T], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task[T]:
        """A write: runs to its end. It has no name on purpose, so no later task (and no
        ``cancel(name)``) can stop it; writes reach the single writer thread in the order they
        were started. Only ``cancel_all`` (closing the workspace) cancels it, and a write the
        writer has already taken still commits (services shield it)."""
        return self._start(coro, None, on_done, on_error, initiator)

    def run_exclusive(self, key: str, coro: Coroutine[Any, Any, T], *,
                      initiator: object | None = None,
                      on_done: Callable[[T], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None
                      ) -> asyncio.Task[T] | None:
        """One at a time per ``key``: refused (``None``, the coroutine closed unstarted) while
        another of the same key runs; like a write, no later task pre-empts it. It stops early
        only through its own ``CancelToken`` or ``cancel_all``."""
        running = self._exclusive.get(key)
        if running is not None and not running.done():
            coro.close()
            return None
        task = self._start(coro, None, on_done, on_error, initiator)
        self._exclusive[key] = task
        return task

    def running(self, key: str) -> bool:
        """Whether an exclusive operation of ``key`` runs."""
        task = self._exclusive.get(key)
        return task is not None and not task.done()

    def _start(self, coro: Coroutine[Any, Any, T], name: str | None,
               on_done: Callable[[T], None] | None,
               on_error: Callable[[BaseException], None] | None,
               initiator: object | None = None) -> asyncio.Task[T]:
        context = contextvars.copy_context()
        context.run(INITIATOR.set, initiator)  # every write the task submits carries it
        task: asyncio.Task[T] = asyncio.get_event_loop().create_task(coro, context=context)
        self._tasks.add(task)
        if name is not None:
            self._named[name] = task
        was_idle = len(self._tasks) == 1
        task.add_done_callback(lambda t: self._finished(t, name, on_done, on_error))
        if was_idle:
            self.busy_changed.emit(True)
        return task

    def _finished(self, task: asyncio.Task[Any], name: str | None,
                  on_done: Callable[[Any], None] | None,
                  on_error: Callable[[BaseException], None] | None) -> None:
        self._tasks.discard(task)
        if name is not None and self._named.get(name) is task:
            del self._named[name]
        for key in [k for k, t in self._exclusive.items() if t is task]:
            del self._exclusive[key]  # before on_done, which may start the next one
        if not self._tasks:
            self.busy_changed.emit(False)
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, Cancelled):
            return
        if exc is not None:
            (on_error or self._on_error)(exc)
            return
        if on_done is not None:
            try:
                on_done(task.result())
            except Exception as callback_exc:  # a bug in a screen's callback
                self._on_error(callback_exc)

    def cancel(self, name: str) -> None:
        task = self._named.get(name)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def close(self, timeout: float = 30.0) -> None:
        """Cancel every task and wait until each has ended (closing or switching workspaces:
        nothing of the old workspace may still run when the next one opens)."""
        self.cancel_all()
        await self.wait_idle(timeout)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    async def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no task is running (tests, and a clean shutdown)."""
        async def _wait() -> None:
            while self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)
                await asyncio.sleep(0)
        await asyncio.wait_for(_wait(), timeout)


async def in_thread(fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.to_thread(fn, *args)


Awaitable_ = Awaitable  # re-export for type hints in controllers
