"""GUI helpers: run a coroutine or wait for a condition on the qasync loop."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator

import pytest

from siyu_desktop.ui.feedback import Feedback
from siyu_desktop.ui.tasks import TaskRunner


class Driver:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.errors: list[BaseException] = []
        self.feedback = Feedback()
        self.tasks = TaskRunner(self.errors.append)

    def run(self, awaitable: object) -> object:
        return self.loop.run_until_complete(awaitable)  # type: ignore[arg-type]

    def idle(self) -> None:
        self.run(self.tasks.wait_idle())
        if self.errors:
            raise self.errors[0]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        async def poll() -> None:
            while not condition():
                await asyncio.sleep(0.02)
        self.run(asyncio.wait_for(poll(), timeout))


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """Widgets and timers a test leaves behind must die here, on the GUI thread: collected later
    on a worker thread, Qt warns "Timers cannot be stopped from another thread"."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(2):
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


@pytest.fixture
def driver(qloop: asyncio.AbstractEventLoop) -> Driver:
    return Driver(qloop)
