"""The window's daily backup (a scheduler job): off the UI thread, and a failure reaches the operator (status bar
and a message box) and the log, never dropped."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QStatusBar

from siyu_desktop import app as appmod
from siyu_desktop.store import jobs
from siyu_desktop.ui.feedback import Feedback
from siyu_desktop.ui.main_window import MainWindow

from .conftest import Driver


def test_a_failed_daily_backup_is_shown_and_logged(demo_path: Path, tmp_path: Path,
                                                   driver: Driver,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    (demo_path.parent / "backups").write_text("not a folder")  # the backup cannot be written
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    status = QStatusBar()
    feedback = Feedback(window, status)
    shell = appmod.App(args, window, driver.tasks, feedback)
    async def scenario() -> None:
        await shell.open_workspace()
        assert shell.scheduler is not None
        await asyncio.wait_for(shell.scheduler.first_pass.wait(), 60)  # the backup job ran
        await driver.tasks.wait_idle()
        job = jobs.get(shell.workspace.reader(), "backup")  # type: ignore[union-attr]
        assert job is not None and "备份失败" in job.last_error and job.lease_owner is None
        await shell.stop_scheduler()

    try:
        driver.run(scenario())
        assert not driver.errors, driver.errors
        assert shell.workspace is not None and shell.backup_error is not None
        assert "备份失败" in status.currentMessage()
        boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
        assert boxes and "无法写入备份文件夹" in boxes[0].text()
        assert "daily backup failed" in caplog.text
        for box in boxes:
            box.close()
    finally:
        shell.close()
        window.close()
        status.deleteLater()


def test_the_daily_backup_is_made_once(demo_path: Path, tmp_path: Path, driver: Driver) -> None:
    args = appmod.parse_args(["--workspace", str(demo_path), "--data-dir", str(tmp_path / "data")])
    window = MainWindow()
    shell = appmod.App(args, window, driver.tasks, driver.feedback)
    async def scenario() -> None:
        await shell.open_workspace()
        assert shell.scheduler is not None
        await asyncio.wait_for(shell.scheduler.first_pass.wait(), 60)  # the backup job ran
        await driver.tasks.wait_idle()
        made = list((demo_path.parent / "backups").glob("demo.siyu.auto.*.db"))
        assert len(made) == 1 and shell.backup_error is None
        assert shell.workspace is not None
        assert await shell.scheduler.run_due() == []  # the job is not due again today
        assert await shell.daily_backup(shell.workspace) is None  # nor is a copy
        await shell.stop_scheduler()

    try:
        driver.run(scenario())
        assert not driver.errors, driver.errors
    finally:
        shell.close()
        window.close()
