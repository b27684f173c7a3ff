"""Owns the awaits of exporting members to .xlsx or .csv: asks where to save (``open()``, never
``exec()``), then writes on a worker thread with a progress dialog that can cancel. A cancelled
export leaves no file behind."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from ...domain.segments import Segment
from ...services.exporter import Exporter
from ..feedback import Feedback
from ..tasks import CancelToken, LatestProgress, TaskRunner
from ..widgets.progress import cancellable_progress
from .import_controller import PROGRESS_MS

Target = Segment | Sequence[int] | None


class ExportController(QObject):
    exported = Signal(int, str)  # members written, path

    def __init__(self, exporter: Exporter, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.feedback = feedback
        self.exporter = exporter
        self._parent = parent
        self._token = CancelToken()
        self._progress = LatestProgress()
        self._timer = QTimer(self)
        self._timer.setInterval(PROGRESS_MS)
        self._timer.timeout.connect(self._show_progress)
        self.progress_dialog: QProgressDialog | None = None
        self._file_dialog: QFileDialog | None = None

    def choose_and_export(self, target: Target, suggested_name: str = "") -> None:
        """Ask for a file name, then export ``target`` there."""
        excel, csv = self.tr("Excel 工作簿 (*.xlsx)"), self.tr("CSV 文本，UTF-8 (*.csv)")
        dialog = QFileDialog(self._parent, self.tr("导出客户名单"),
                             suggested_name or self.tr("客户名单.xlsx"), f"{excel};;{csv}")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        # The format follows the chosen filter; a typed .csv or .xlsx name is kept as typed,
        # and the exporter refuses any other ending with a message.
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("csv" if chosen == csv else "xlsx"))
        dialog.fileSelected.connect(lambda path: self.export(target, path))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()

    def export(self, segment_or_ids: Target, path: str) -> asyncio.Task[int]:
        """Export a segment, an id list (in its order) or everyone (None) to ``path``."""
        self._token.cancel()
        self._token = token = CancelToken()
        progress = cancellable_progress(self._parent, self.tr("正在导出…"), self.tr("导出客户名单"),
                                        self.tr("取消"), token.cancel)
        self.progress_dialog = progress
        self._timer.start()
        return self.tasks.run(self._export(segment_or_ids, path, token, progress),
                              name="export", on_error=self._failed)

    async def _export(self, target: Target, path: str, token: CancelToken,
                      progress: QProgressDialog) -> int:
        try:
            written = await self.exporter.export(target, path, cancel=token,
                                                 progress=self._progress)
        finally:
            self._timer.stop()
            progress.close()
            progress.deleteLater()
            self.progress_dialog = None
        self.feedback.info(self.tr("已导出 {n} 位客户到 {path}").format(n=f"{written:,}", path=path))
        self.exported.emit(written, path)
        return written

    def cancel(self) -> None:
        self._token.cancel()

    def _failed(self, exc: BaseException) -> None:
        self.feedback.error(exc)

    def _show_progress(self) -> None:
        value = self._progress.take()
        if value is None or self.progress_dialog is None:
            return
        done, total = value.done, value.total
        self.progress_dialog.setMaximum(max(total, 1))
        self.progress_dialog.setValue(min(done, total))
        self.progress_dialog.setLabelText(self.tr("正在导出：{done} / {total}").format(
            done=f"{done:,}", total=f"{total:,}"))
