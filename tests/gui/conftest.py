"""GUI helpers: run a coroutine or wait for a condition on the qasync loop; the 企业微信 screen's
controller on a fresh workspace, and saving a connection to an emulator on it."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6

from siyu_desktop.services.connection import ConnectionService
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.ui.controllers.connection_controller import ConnectionController
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

    def save_connection(self, page: Any, emu: Any) -> None:
        """Type the emulator's corp id, secret and address into the 企业微信 screen and save."""
        page.corp_id.setText(emu.corp.corp_id)
        page.secret.setText(emu.corp.secret)
        page.base_url.setText(emu.base_url)
        page.save_button.click()
        self.idle()


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


@pytest.fixture(autouse=True)
def _preferences_in_tmp(tmp_path: Any) -> Iterator[None]:
    """This computer's view preferences (QSettings: the roster's columns) go to a temp folder,
    never to the real user's configuration."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "preferences"))
    yield


@pytest.fixture
def driver(qloop: asyncio.AbstractEventLoop) -> Driver:
    return Driver(qloop)


@pytest.fixture
def connection_controller(driver: Driver, empty_workspace: Any) -> Iterator[ConnectionController]:
    """The 企业微信 screen's controller on an empty workspace, started; torn down with its page."""
    ws = empty_workspace
    c = ConnectionController(ConnectionService(ws), SyncService(ws), OutboxService(ws),
                             driver.tasks, driver.feedback, None)
    c.start()
    driver.idle()
    yield c
    driver.idle()
    c.page.close()
    shiboken6.delete(c.page)
    shiboken6.delete(c)
    gc.collect()
