"""备份与恢复: 立即备份 adds a backup the list shows (time in the workspace's time zone, its member
count); 导出工作区副本… writes a copy that opens as a workspace with the same members; a restore
is asked first, naming the file it replaces and the backup's time and members, and only a yes
asks the window to restore that backup."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from siyu_desktop.services.backups import BackupsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.services.workspace_settings import WorkspaceSettingsService
from siyu_desktop.store.db import Workspace
from siyu_desktop.ui.controllers.backups_controller import BackupsController
from siyu_desktop.ui.dialogs.backups_dialog import Column


@pytest.fixture
def backups(workspace: Workspace, driver: Any) -> Iterator[BackupsController]:
    window = QWidget()  # as the main window is: closing the dialog must not end the app
    window.show()
    c = BackupsController(BackupsService(workspace), WorkspaceSettingsService(workspace),
                          driver.tasks, driver.feedback, window)
    c.workspace_path = workspace.path
    yield c
    driver.idle()
    c.close()
    window.close()
    shiboken6.delete(window)
    gc.collect()


def _cell(c: BackupsController, row: int, column: Column) -> str:
    assert c.dialog is not None
    return str(c.dialog.model.index(row, column, QModelIndex()).data())


def _members(service: WorkspaceService, driver: Any) -> int:
    return int(driver.run(service.info()).members)  # type: ignore[attr-defined]


def test_back_up_now_lists_the_new_backup_with_its_members(
        backups: BackupsController, service: WorkspaceService, workspace: Workspace,
        driver: Any) -> None:
    driver.run(WorkspaceSettingsService(workspace).update(timezone="UTC"))
    dialog = backups.open()
    driver.idle()
    before = dialog.model.rowCount()
    assert dialog.empty.isVisible() == (before == 0)

    dialog.back_up_button.click()
    driver.idle()
    assert dialog.model.rowCount() == before + 1
    newest = dialog.model.rows[0]
    assert newest.path.exists() and newest.path.parent == workspace.path.parent / "backups"
    chosen = dialog.selected()
    assert chosen is not None and chosen.path == newest.path  # the new one is selected
    assert _cell(backups, 0, Column.MEMBERS) == f"{_members(service, driver):,}"
    assert _cell(backups, 0, Column.KIND) == "备份"
    assert _cell(backups, 0, Column.TIME) == datetime.fromtimestamp(
        newest.made_at, ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M:%S")  # the workspace's zone
    assert _cell(backups, 0, Column.SIZE).endswith(("KB", "MB"))
    assert newest.path.name in dialog.status.text()
    assert dialog.back_up_button.isEnabled() and not dialog.busy_bar.isVisible()
    assert dialog.restore_button.isEnabled()


def test_export_writes_a_copy_that_opens_with_the_same_members(
        backups: BackupsController, service: WorkspaceService, driver: Any,
        tmp_path: Path) -> None:
    backups.open()
    driver.idle()
    target = tmp_path / "handover" / "交接.siyu.db"
    target.parent.mkdir()
    chooser = backups.choose_export()
    assert chooser.isVisible()
    chooser.selectFile(str(target))
    chooser.accept()
    driver.idle()

    assert target.exists()
    assert str(target) in backups.dialog.status.text()  # type: ignore[union-attr]
    copy = Workspace.open(target, actor="tester")
    try:
        assert _members(WorkspaceService(copy), driver) == _members(service, driver) > 0
    finally:
        copy.close()


def _answer_later(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def press() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.text())
        box.button(button).click()
    QTimer.singleShot(200, press)


@pytest.mark.parametrize("yes", [True, False])
def test_a_restore_is_asked_first_and_only_a_yes_requests_it(
        backups: BackupsController, service: WorkspaceService, workspace: Workspace,
        driver: Any, yes: bool) -> None:
    dialog = backups.open()
    driver.idle()
    dialog.back_up_button.click()
    driver.idle()
    dialog.back_up_button.click()  # two: the one chosen is not simply the only one
    driver.idle()
    older = dialog.model.rows[1]
    dialog.table.selectRow(1)
    requested: list[object] = []
    backups.restore_requested.connect(requested.append)
    seen: list[str] = []

    _answer_later(QMessageBox.StandardButton.Ok if yes else QMessageBox.StandardButton.Cancel,
                  seen)
    dialog.restore_button.click()
    driver.idle()

    assert len(seen) == 1
    question = seen[0]
    assert workspace.path.name in question  # what will be replaced
    assert f"{_members(service, driver):,} 位客户" in question
    assert _cell(backups, 1, Column.TIME) in question  # the backup's time, as listed
    assert "副本" in question  # the current file is kept first
    assert requested == ([older.path] if yes else [])
    assert dialog.isVisible() is not yes  # a yes closes the dialog: the window restores
    assert older.path.exists()  # nothing restored or removed here
