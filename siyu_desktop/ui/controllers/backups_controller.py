"""Owns the awaits of 备份与恢复: listing the workspace's backups, backing up now, exporting a copy
for a handover (the file name asked with ``open()``, never ``exec()``), and the confirmation of a
restore.

The restore itself is not done here: the workspace must be closed for it, so on a confirmed
restore the controller closes its dialog and emits ``restore_requested`` with the backup's path,
and the composition root closes the workspace, restores and opens it again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ...errors import UserError
from ...services.backups import AUTO, BackupInfo, BackupsService
from ...services.workspace_settings import WorkspaceSettingsService
from ...services.workspaces import WORKSPACE_SUFFIX
from .. import labels
from ..dialogs.backups_dialog import BackupsDialog, backup_time
from ..feedback import Feedback
from ..tasks import TaskRunner
from ..widgets.ask import answer_of, ask


class BackupsController(QObject):
    restore_requested = Signal(object)  # the backup's Path, confirmed by the operator
    # the newest automatic backup as one line ("" when there is none), for the settings screen
    last_backup_changed = Signal(str)

    def __init__(self, backups: BackupsService, workspace_settings: WorkspaceSettingsService,
                 tasks: TaskRunner, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.workspace_settings = workspace_settings
        self.tasks = tasks
        self.feedback = feedback
        self._parent = parent
        self.dialog: BackupsDialog | None = None
        self._file_dialog: QFileDialog | None = None
        # The open workspace's file (named in the restore question); set by whoever knows it
        # (the settings screen does, from WorkspaceService.info()).
        self.workspace_path: Path | None = None
        self.confirm: Callable[[str], bool | Awaitable[bool]] = self._ask  # replaced in tests

    # -- the dialog ----------------------------------------------------------------------------
    def open(self) -> BackupsDialog:
        """Show the dialog (window-modal, without a nested event loop) and list the backups."""
        if self.dialog is None:
            dialog = BackupsDialog(self._parent)
            dialog.back_up_requested.connect(self.back_up_now)
            dialog.restore_requested.connect(self.ask_restore)
            dialog.export_requested.connect(self.choose_export)
            self.dialog = dialog
        self.dialog.set_status("")
        self.dialog.open()
        self.refresh()
        return self.dialog

    def close(self) -> None:
        """The workspace is closing: nothing of this dialog may outlive it."""
        for widget in (self._file_dialog, self.dialog):
            if widget is not None:
                widget.close()
                widget.deleteLater()
        self._file_dialog = self.dialog = None

    def _zone(self) -> ZoneInfo:
        return self.workspace_settings.load().zone

    # -- listing -------------------------------------------------------------------------------
    def refresh(self) -> asyncio.Task[list[BackupInfo]]:
        return self.tasks.run(self._list(), name="backups.list")

    async def _list(self) -> list[BackupInfo]:
        found = await self.backups.list()
        zone = self._zone()
        if self.dialog is not None:
            self.dialog.set_backups(found, zone)
        autos = [b for b in found if b.kind == AUTO]
        newest = max(autos, key=lambda b: b.made_at, default=None)
        self.last_backup_changed.emit(
            self.tr("还没有备份。") if newest is None else self.tr("上次备份：{time}").format(
                time=labels.fmt_time(newest.made_at, zone=zone)))
        return found

    # -- back up now ---------------------------------------------------------------------------
    def back_up_now(self) -> asyncio.Task[Path | None]:
        return self.tasks.run(self._back_up_now(), on_error=self._failed)

    async def _back_up_now(self) -> Path | None:
        self._busy(self.tr("正在备份…"))
        try:
            path = await self.backups.back_up_now()
        finally:
            self._busy("")
        await self._list()
        text = self.tr("已备份：{name}").format(name=path.name)
        if self.dialog is not None:
            self.dialog.select_path(path)
            self.dialog.set_status(text)
        self.feedback.info(text)
        return path

    # -- export a copy -------------------------------------------------------------------------
    def choose_export(self) -> QFileDialog:
        """Ask where to write the copy (``open()``), then export there."""
        stem = self.workspace_path.name.removesuffix(WORKSPACE_SUFFIX) \
            if self.workspace_path is not None else self.tr("工作区")
        suggested = self.tr("{name}-副本").format(name=stem) + WORKSPACE_SUFFIX
        if self.workspace_path is not None:
            suggested = str(self.workspace_path.parent / suggested)
        kind = self.tr("工作区文件 (*{suffix})").format(suffix=WORKSPACE_SUFFIX)
        dialog = QFileDialog(self.dialog or self._parent, self.tr("导出工作区副本"), suggested,
                             kind)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(WORKSPACE_SUFFIX.lstrip("."))
        dialog.fileSelected.connect(lambda path: self.export_copy(Path(path)))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()
        return dialog

    def export_copy(self, target: Path) -> asyncio.Task[Path]:
        self._file_dialog = None
        return self.tasks.run(self._export(target), on_error=self._failed)

    async def _export(self, target: Path) -> Path:
        self._busy(self.tr("正在导出工作区副本…"))
        try:
            path = await self.backups.export_copy(target)
        finally:
            self._busy("")
        text = self.tr("已导出工作区副本：{path}").format(path=path)
        if self.dialog is not None:
            self.dialog.set_status(text)
        self.feedback.info(text)
        return path

    # -- restore -------------------------------------------------------------------------------
    def restore_question(self, backup: BackupInfo) -> str:
        current = self.workspace_path.name if self.workspace_path is not None else \
            self.tr("当前工作区")
        members = self.tr("无法读取") if backup.members is None else labels.fmt_count(backup.members)
        return self.tr(
            "用 {time} 的备份（{members} 位客户）替换当前的工作区文件“{file}”？\n\n"
            "替换前，“{file}”会先另存一份副本到备份文件夹，之后也能恢复回来。"
            "工作区会关闭并重新打开；这之后做的改动不在这份备份里。").format(
            time=backup_time(backup.made_at, self._zone()), members=members,
            file=current)

    def ask_restore(self, backup: BackupInfo) -> asyncio.Task[bool]:
        return self.tasks.run(self._ask_restore(backup), name="backups.restore")

    async def _ask_restore(self, backup: BackupInfo) -> bool:
        if not await answer_of(self.confirm, self.restore_question(backup)):
            return False
        if self.dialog is not None:
            self.dialog.close()
        self.restore_requested.emit(backup.path)
        return True

    async def _ask(self, text: str) -> bool:
        return await ask(self.dialog or self._parent, self.tr("恢复备份"), text,
                         self.tr("恢复这份备份"), self.tr("取消"))

    # -- shared --------------------------------------------------------------------------------
    def _busy(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.set_busy(text)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and self.dialog is not None:
            self.dialog.set_status(self.feedback.describe(exc, " "), error=True)
            self.feedback.info(self.feedback.describe(exc, " "), 10000)
            return
        self.feedback.error(exc)
