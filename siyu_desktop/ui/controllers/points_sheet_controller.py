"""Owns the awaits of the points' Excel side on the 批量发放 tab: 从表格发放… (choose a file, read
and preview it, import with progress and 取消, save the refused rows, undo by reversal) and
导出积分明细… (everyone's, a segment's or one member's statement as .xlsx, with progress).

``choose_sheet`` / ``choose_export`` open the file dialogs; ``open_sheet(path)`` and
``export(path, kind, value)`` do the work and can be called directly (tests). ``confirm`` is
replaced in tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from ...errors import Cancelled, UserError
from ...services.points_excel import PointsExcel
from ...services.workspace import WorkspaceService
from ..dialogs.points_sheet_dialog import SheetDialog, StatementDialog
from ..feedback import Feedback
from ..i18n import english
from ..pages.points_ops_tabs import AwardTab
from ..pages.points_tabs import n
from ..tasks import TaskRunner
from ..widgets.ask import Confirm, answer_of, ask
from ..widgets.progress import ProgressWatch
from .undo import UndoProgress

Task = asyncio.Task[Any]


class PointsSheetController(QObject):
    def __init__(self, excel: PointsExcel, service: WorkspaceService, tab: AwardTab,
                 tasks: TaskRunner, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.excel, self.service, self.tab = excel, service, tab
        self.tasks, self.feedback = tasks, feedback
        self.dialog: SheetDialog | None = None
        self.statement_dialog: StatementDialog | None = None
        self.confirm: Confirm = self._ask
        self._file_dialog: QFileDialog | None = None
        self._batch: int | None = None  # the import the open dialog wrote
        tab.sheet_requested.connect(self.choose_sheet)
        tab.statement_requested.connect(self.choose_export)

    # -- batch sheet -------------------------------------------------------------------------
    def choose_sheet(self) -> None:
        dialog = QFileDialog(self.tab, self.tr("选择积分表格"), "", self.tr("表格文件 (*.xlsx *.xls *.ods *.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.open_sheet(Path(chosen)))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()

    def open_sheet(self, path: Path) -> Task:
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = SheetDialog(path.name, self.tab)
        self._batch = None
        dialog.preview_requested.connect(lambda: self.preview(path))
        dialog.apply_requested.connect(self.apply)
        dialog.rejects_requested.connect(self.ask_rejects_file)
        dialog.undo_requested.connect(self.undo)
        dialog.finished.connect(lambda *_: self._closed(dialog))
        dialog.open()
        return self.preview(path)

    def _closed(self, dialog: SheetDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def preview(self, path: Path) -> Task:
        dialog = self.dialog
        assert dialog is not None
        dialog.set_reading()
        watch = ProgressWatch(self, dialog.progress, self.tr("正在读取表格…"))

        async def run() -> None:
            try:
                plan = await self.excel.plan(path, reason=dialog.reason.text(),
                                             progress=watch.box, cancel=watch.token)
            except Cancelled:
                dialog.set_problem(self.tr("已取消读取。"))
                return
            except UserError as exc:
                dialog.set_problem(self.feedback.describe(exc, "\n"))
                return
            finally:
                watch.stop()
            if self.dialog is dialog:
                dialog.set_plan(plan)
        return self.tasks.run(run(), name="points.sheet_preview")

    def apply(self) -> Task | None:
        dialog = self.dialog
        if dialog is None or dialog.plan is None:
            return None
        plan = dialog.plan
        watch = ProgressWatch(self, dialog.progress, self.tr("正在导入…"))
        dialog.set_running(True)

        async def run() -> None:
            try:
                done = await self.excel.apply(plan, watch.box, watch.token)
            except Cancelled:
                dialog.set_done(self.tr("已取消，什么都没有写入。"), False)
                return
            except UserError as exc:  # the file changed since the preview, and the like
                dialog.set_done(self.feedback.describe(exc, " "), False)
                return
            finally:
                watch.stop()
                dialog.set_running(False)
            text = self.tr("已导入 {k} 条：发放 {given} 分，扣回 {taken} 分。").format(
                k=n(done.entries), given=n(done.given), taken=n(done.taken))
            if done.already:
                text += self.tr("{k} 行之前已经导入过，没有重复记。").format(k=n(done.already))
            self._batch = done.batch_id
            dialog.set_done(text, done.batch_id is not None)
            self.feedback.info(text)
        return self.tasks.run_write(run(), initiator=self)

    def ask_rejects_file(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.plan is None:
            return
        chooser = QFileDialog(dialog, self.tr("保存有问题的行"),
                              self.tr("{stem}-有问题的行.xlsx").format(stem=dialog.plan.path.stem),
                              self.tr("Excel 文件 (*.xlsx)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("xlsx")
        chooser.fileSelected.connect(lambda chosen: self.save_rejects(Path(chosen)))
        chooser.finished.connect(lambda *_: chooser.deleteLater())
        self._file_dialog = chooser
        chooser.open()

    def save_rejects(self, path: Path) -> Task | None:
        dialog = self.dialog
        if dialog is None or dialog.plan is None:
            return None
        plan = dialog.plan

        async def run() -> None:
            rows = await self.excel.save_rejects(plan, path, english=english())
            self.feedback.info(self.tr("已把 {k} 行有问题的存到“{file}”：改好后再导入即可。").format(
                k=n(rows), file=path.name))
        return self.tasks.run(run(), name="points.sheet_rejects")

    def undo(self) -> Task | None:
        batch, dialog = self._batch, self.dialog
        if batch is None or dialog is None:
            return None
        what = dialog.windowTitle()

        async def run() -> None:
            if not await answer_of(self.confirm, self.tr(
                    "撤销这次表格导入？会给每位客户追加一条冲正记录抵消它；账本里原来的记录保留。")):
                return
            try:
                restored = await UndoProgress(dialog, what).run(self.service, batch)
            except Cancelled:
                self.feedback.info(self.tr("已取消撤销，什么都没有改变。"))
                return
            text = self.tr("已撤销这次导入（追加 {k} 条冲正记录）。").format(k=n(restored))
            self._batch = None
            dialog.set_undone(text)
            self.feedback.info(text)
        return self.tasks.run_write(run(), initiator=self)

    # -- statements --------------------------------------------------------------------------
    def choose_export(self) -> Task:
        async def run() -> None:
            saved = await self.service.saved_segments()
            dialog = self.statement_dialog = StatementDialog(
                [(i, name) for i, name, _s in saved], self.tab)
            dialog.accepted.connect(lambda: self._ask_export_file(dialog))
            dialog.finished.connect(lambda *_: dialog.deleteLater())
            dialog.open()
        return self.tasks.run(run(), name="points.statement_dialog")

    def _ask_export_file(self, dialog: StatementDialog) -> None:
        kind, value, name = dialog.target()
        today = QDate.currentDate().toString("yyyyMMdd")
        suggested = (self.tr("积分明细-{name}-{day}.xlsx").format(name=name, day=today) if name
                     else self.tr("积分明细-{day}.xlsx").format(day=today))
        chooser = QFileDialog(self.tab, self.tr("导出积分明细"), suggested,
                              self.tr("Excel 文件 (*.xlsx)"))
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setDefaultSuffix("xlsx")
        chooser.fileSelected.connect(lambda chosen: self.export(Path(chosen), kind, value))
        chooser.finished.connect(lambda *_: chooser.deleteLater())
        self._file_dialog = chooser
        chooser.open()

    def export(self, path: Path, kind: str, value: int | None) -> Task | None:
        tab = self.tab
        watch = ProgressWatch(self, tab.progress, self.tr("正在导出积分明细…"))
        tab.statement_button.setEnabled(False)

        async def run() -> None:
            try:
                if kind == "member":
                    done = await self.excel.export(path, member=value, progress=watch.box,
                                                   cancel=watch.token)
                else:
                    segment = None
                    if kind == "segment":
                        saved = {i: s for i, _n, s in await self.service.saved_segments()}
                        segment = saved.get(value or -1)
                        if segment is None:
                            self.feedback.info(self.tr("这个人群包已经不在了。"))
                            return
                    done = await self.excel.export(path, segment=segment, progress=watch.box,
                                                   cancel=watch.token)
            except Cancelled:
                self.feedback.info(self.tr("已取消导出，没有留下半个文件。"))
                return
            finally:
                watch.stop()
                tab.statement_button.setEnabled(True)
            self.feedback.info(self.tr("已导出 {k} 位客户的 {e} 条积分记录到“{file}”。").format(
                k=n(done.members), e=n(done.entries), file=path.name))
        return self.tasks.run_exclusive("points.statement", run())

    async def _ask(self, text: str) -> bool:
        return await ask(self.dialog or self.tab, self.tr("积分"), text, self.tr("撤销"))

