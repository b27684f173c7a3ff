"""Owns the awaits of the import window: read the file, preview against the workspace, commit.

Reading and comparing run on a worker thread, the commit on the workspace's writer; their
progress (``ops.Progress``) lands in a ``LatestProgress`` that a timer on the UI thread shows, so no Qt object is ever
touched from those threads. A new file, sheet or mapping cancels the preview still running.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...excel.mapping import ColumnMapping
from ...services.importer import COMPARE, READ, WRITE, Importer, ImportPreview
from ...services.types import ImportOutcome
from ..dialogs.import_dialog import ImportDialog
from ..feedback import Feedback
from ..tasks import CancelToken, LatestProgress, TaskRunner

PROGRESS_MS = 100
LOADING_NOTE_AFTER_S = 2.0  # from then on the dialog counts the seconds a load takes


class ImportController(QObject):
    imported = Signal(object)  # ImportOutcome, after a commit that wrote something

    def __init__(self, importer: Importer, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.feedback = feedback
        self.importer = importer
        self.dialog = ImportDialog(parent)
        self.preview: ImportPreview | None = None
        self.outcome: ImportOutcome | None = None
        self._path: Path | None = None
        self._sheet: str | None = None
        self._token = CancelToken()
        self._committing = False
        self._progress = LatestProgress()
        self._reading_since: float | None = None  # while a file loads before its first row
        self._timer = QTimer(self)
        self._timer.setInterval(PROGRESS_MS)
        self._timer.timeout.connect(self._show_progress)

        d = self.dialog
        d.file_chosen.connect(self.load_file)
        d.sheet_chosen.connect(self._on_sheet)
        d.mapping_model.mapping_edited.connect(self._on_mapping)
        d.import_requested.connect(self.commit)
        d.cancel_requested.connect(self.cancel)
        d.rejects_requested.connect(self.save_rejects)
        d.template_requested.connect(self.save_template)
        d.rejected.connect(self._on_closed)

    def open(self) -> None:
        """Show the window (non-modal); if it is already open, bring it to the front."""
        if self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            self.dialog.show()

    # -- previews ------------------------------------------------------------------------------
    def load_file(self, path: str) -> asyncio.Task[None]:
        self._path, self._sheet = Path(path), None
        return self._start_preview(None)

    def _on_sheet(self, sheet: str) -> None:
        if sheet != self._sheet:
            self._sheet = sheet
            self._start_preview(None)

    def _on_mapping(self, mapping: ColumnMapping) -> None:
        self._start_preview(mapping)

    def _start_preview(self, mapping: ColumnMapping | None) -> asyncio.Task[None]:
        self._token.cancel()  # the previous preview's thread stops at its next check
        self._token = token = CancelToken()
        self.preview = None  # nothing to commit until this file/sheet/mapping is compared
        self.dialog.set_busy(self.tr("正在读取文件…"))
        self._reading_since = time.monotonic()
        self._timer.start()
        return self.tasks.run(self._preview(token, mapping), name="import.preview",
                              on_error=self._failed)

    async def _preview(self, token: CancelToken, mapping: ColumnMapping | None) -> None:
        assert self._path is not None
        path, sheet = self._path, self._sheet
        info = await self.importer.inspect(path)
        token.check()
        self.dialog.set_file(str(path), [(s.name, s.hidden) for s in info.sheets],
                             sheet or info.default.name)
        preview = await self.importer.preview(path, sheet or info.default.name, mapping,
                                              progress=self._progress, cancel=token)
        token.check()
        self._sheet = preview.sheet
        self.preview = preview
        self._timer.stop()
        self._reading_since = None
        self.dialog.set_idle()
        self.dialog.mapping_model.set_mapping(preview.header.cells, preview.samples,
                                              preview.mapping)
        self._show_preview(preview)

    def _show_preview(self, preview: ImportPreview) -> None:
        source = {"saved": self.tr("，沿用上次保存的列对应"), "given": self.tr("，列对应已按你的修改"),
                  "auto": self.tr("，列对应为自动识别")}[preview.mapping_source]
        header_text = self.tr("表头在第 {row} 行{source}").format(row=preview.header.row_number,
                                                               source=source)
        counts = {"new": preview.new, "updated": preview.updated,
                  "unchanged": preview.unchanged, "rejected": preview.rejected}
        lines = preview.summary_lines(heading=False)
        if not preview.can_commit and not preview.blocking:
            lines.append(self.tr("没有需要导入的变化。"))
        self.dialog.set_preview(counts, lines, preview.problems(), header_text, preview.can_commit)

    # -- commit --------------------------------------------------------------------------------
    def commit(self) -> asyncio.Task[None] | None:
        preview = self.preview
        if preview is None or not preview.can_commit or self._committing:
            return None
        self._token = token = CancelToken()
        self._committing = True
        self.dialog.set_busy(self.tr("正在导入…"), writing=True)
        self._reading_since = None
        self._timer.start()
        # a write (stopped only through its token, which rolls it back whole)
        return self.tasks.run_write(self._commit(preview, token), on_error=self._failed)

    async def _commit(self, preview: ImportPreview, token: CancelToken) -> None:
        try:
            outcome = await self.importer.commit(preview, progress=self._progress, cancel=token)
        finally:
            self._committing = False
            self._timer.stop()
        self.outcome = outcome
        self.preview = None
        self.tasks.run(self.importer.discard(preview), name="import.discard")
        text = self.tr("已导入：新增 {new} 位，更新 {updated} 位客户（可在操作记录中撤销）").format(
            new=f"{outcome.inserted:,}", updated=f"{outcome.updated:,}")
        self.dialog.set_idle(text)
        self.dialog.set_preview({"new": outcome.inserted, "updated": outcome.updated},
                                [text], [], self.dialog.header_label.text(), False)
        self.feedback.info(text)
        self.imported.emit(outcome)

    # -- cancel, errors, files -----------------------------------------------------------------
    def cancel(self) -> None:
        """Stop the running preview or commit; a commit stopped here writes nothing."""
        self._token.cancel()
        self.dialog.cancel_button.setEnabled(False)
        self.dialog.status_label.setText(self.tr("正在取消…"))
        if not self._committing:
            self.tasks.cancel("import.preview")
        self._finish_cancel()

    def _finish_cancel(self) -> None:
        async def wait() -> None:
            while self._committing:
                await asyncio.sleep(0.05)
            self._timer.stop()
            self.dialog.set_idle(self.tr("已取消，没有导入任何数据。"))
            if self.preview is not None:
                self._show_preview(self.preview)
            else:
                self.dialog.set_preview(None)
        self.tasks.run(wait(), name="import.cancelled")

    def _failed(self, exc: BaseException) -> None:
        self._timer.stop()
        self.dialog.set_idle(self.tr("未完成，请查看提示。"))
        if self.preview is not None:
            self._show_preview(self.preview)
        self.feedback.error(exc)

    def _show_progress(self) -> None:
        value = self._progress.take()
        if value is None:
            # A big workbook loads for seconds before its first row: say that it is still going.
            since = self._reading_since
            if since is not None and (waited := time.monotonic() - since) >= LOADING_NOTE_AFTER_S:
                self.dialog.status_label.setText(self.tr(
                    "正在读取文件…已用 {seconds} 秒（大表格要先整张载入，可以随时取消）").format(
                        seconds=int(waited)))
            return
        self._reading_since = None
        phase, done, total = value.step, value.done, value.total
        text = {READ: self.tr("正在读取：{done} 行"), COMPARE: self.tr("正在比对：{done} / {total}"),
                WRITE: self.tr("正在写入：{done} / {total}")}.get(phase, "{done}")
        self.dialog.set_progress(text.format(done=f"{done:,}", total=f"{total:,}"), done, total)

    def save_rejects(self, target: str) -> asyncio.Task[None] | None:
        preview = self.preview
        if preview is None:
            return None

        async def run() -> None:
            written = await self.importer.save_rejects(preview, target)
            self.feedback.info(self.tr("已保存 {n} 行到 {path}").format(n=f"{written:,}", path=target))
            self.dialog.status_label.setText(self.tr("已保存错误行：{path}（改好后可再次导入）").format(
                path=target))
        return self.tasks.run(run(), name="import.rejects")

    def save_template(self, target: str) -> asyncio.Task[None]:
        async def run() -> None:
            await self.importer.copy_template(target)
            self.dialog.status_label.setText(self.tr("已保存导入模板：{path}").format(path=target))
        return self.tasks.run(run(), name="import.template")

    def _on_closed(self) -> None:
        # Closing while a commit runs lets it finish (it is atomic and says so when done);
        # a preview nobody will look at is stopped.
        if not self._committing:
            self._token.cancel()
            self.tasks.cancel("import.preview")
            self._timer.stop()
