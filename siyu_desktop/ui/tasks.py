"""The one helper every background operation goes through (after Anki's QueryOp/CollectionOp and
FeelUOwn's named tasks): keeps a reference to each asyncio task, cancels the previous task of the
same name (search-as-you-type), shows busy state, and routes failures to feedback."""

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
        if name is not None and (previous := self._named.get(name)) and not previous.done():
            previous.cancel()
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
