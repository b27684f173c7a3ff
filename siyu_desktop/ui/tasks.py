"""The one helper every background operation goes through (after Anki's QueryOp/CollectionOp and
FeelUOwn's named tasks): keeps a reference to each asyncio task, cancels the previous task of the
same name (search-as-you-type), shows busy state, and routes failures to feedback.

Two kinds of task, chosen by the method: ``run`` is for reads, where "latest wins" is right (an
older search's result is worth nothing once the operator typed on). ``run_write`` is for
anything that changes the workspace: it is never cancelled by a later task, whatever it is
called, since cancelling a write before the writer thread takes it silently drops what the
operator asked for (two quick tag clicks would lose the first)."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..errors import Cancelled

log = logging.getLogger(__name__)
T = TypeVar("T")


class CancelToken:
    """Handed to blocking work on a worker thread; the UI flips it, the work checks it."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class TaskRunner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, on_error: Callable[[BaseException], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._named: dict[str, asyncio.Task[Any]] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def run(self, coro: Coroutine[Any, Any, T], *, name: str | None = None,
            on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task[T]:
        """A read: starting another ``run`` of the same ``name`` cancels this one."""
        if name is not None and (previous := self._named.get(name)) and not previous.done():
            previous.cancel()
        return self._start(coro, name, on_done, on_error)

    def run_write(self, coro: Coroutine[Any, Any, T], *,
                  on_done: Callable[[T], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task[T]:
        """A write: runs to its end. It has no name on purpose, so no later task (and no
        ``cancel(name)``) can stop it; writes reach the single writer thread in the order they
        were started. Only ``cancel_all`` at shutdown cancels it, and a write the writer has
        already taken still commits (services shield it)."""
        return self._start(coro, None, on_done, on_error)

    def _start(self, coro: Coroutine[Any, Any, T], name: str | None,
               on_done: Callable[[T], None] | None,
               on_error: Callable[[BaseException], None] | None) -> asyncio.Task[T]:
        task: asyncio.Task[T] = asyncio.ensure_future(coro)
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
