"""Closing one workspace and opening another in the same run (``App.open_workspace`` again):
every screen is rebuilt for the new one, and nothing of the old one is left running — no task,
timer, controller, connection, lock or demo emulator."""

from __future__ import annotations

import asyncio
from pathlib import Path

import filelock
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from siyu_desktop import app as appmod
from siyu_desktop.store import workspace_file as wsfile
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


def _flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _lock_is_free(path: Path) -> bool:
    """Whether another window could take the workspace's single-writer lock now."""
    lock = wsfile.WorkspaceLock(path, create=False)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        return False
    lock.release()
    return True


def _timers(window: MainWindow) -> list[QTimer]:
    return [t for t in window.findChildren(QTimer) if shiboken6.isValid(t)]


def test_switching_workspaces_rebuilds_the_screens_and_leaves_nothing_behind(
        demo_path: Path, tmp_path: Path, driver: Driver) -> None:
    own = tmp_path / "own" / "我的品牌.siyu.db"
    Workspace.open(own, actor="tester").close()  # an empty workspace of the operator's own
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)

    async def scenario() -> None:
        assert await shell.open_workspace()
        await shell.tasks.wait_idle()
        demo = shell.session
        assert demo is not None and demo.is_demo and shell.demo_emulator is not None
        emulator = shell.demo_emulator
        demo_ws, demo_tasks = demo.db, shell.tasks
        members = demo.member_count()
        assert members > 0 and window.nav.count() == 7
        assert f"{members:,}" in window.members_label.text()
        assert "（演示）" in window.windowTitle()
        old: list[QObject] = [*shell.controllers, *shell.helpers,  # type: ignore[list-item]
                              *(c.page for c in shell.controllers)]  # type: ignore[attr-defined]
        old_timers = _timers(window)
        assert old_timers  # the screens' timers (progress, the change bus)
        scheduler = shell.scheduler
        assert scheduler is not None and scheduler.started

        # a read still running when the switch comes: it is cancelled, never left over
        demo_tasks.run(asyncio.sleep(3600), name="lingering")

        assert await shell.open_workspace(own)
        await shell.tasks.wait_idle()
        _flush_deletes()
        assert not _lock_is_free(own)  # the open one is held
        assert demo_ws.closed and _lock_is_free(demo_ws.path)
        assert not demo_tasks.busy and shell.tasks is not demo_tasks
        assert not scheduler.started
        assert not emulator.thread.is_alive()  # type: ignore[attr-defined]
        assert all(not shiboken6.isValid(o) for o in old)
        assert not any(shiboken6.isValid(t) for t in old_timers)
        assert shell.session is not None and shell.session.path == own
        assert not shell.session.is_demo and shell.demo_emulator is None
        assert window.nav.count() == 7 and "（演示）" not in window.windowTitle()
        assert window.members_label.text().endswith(" 0")
        roster = shell.controllers[0]
        assert roster.model.rowCount() == 0  # type: ignore[attr-defined]

        assert await shell.open_workspace(demo_path)  # and back
        await shell.tasks.wait_idle()
        assert shell.session is not None and shell.session.is_demo
        assert shell.controllers[0].model.rowCount() == members  # type: ignore[attr-defined]
        assert shell.demo_emulator is not None

        await shell.close_workspace()
        _flush_deletes()
        assert shell.session is None and window.nav.count() == 0
        assert _lock_is_free(demo_path) and _lock_is_free(own)

    try:
        driver.run(scenario())
    finally:
        shell.close()
        window.close()


def test_a_workspace_that_cannot_be_opened_leaves_the_window_without_one(
        demo_path: Path, tmp_path: Path, driver: Driver) -> None:
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)

    async def scenario() -> None:
        assert await shell.open_workspace()
        first = shell.session
        assert first is not None
        missing = tmp_path / "没有这个文件.siyu.db"
        assert not await shell.open_workspace(missing)
        assert not missing.exists()  # never created by a mistyped path
        assert first.closed and shell.session is None and shell.open_error is not None
        assert window.nav.count() == 0
        assert window.stack.currentWidget() is window.welcome
        assert shell.open_error.message in window.welcome.status.text()

    try:
        driver.run(scenario())
    finally:
        shell.close()
        window.close()
