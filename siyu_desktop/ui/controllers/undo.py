"""Undoing an operation with progress and cancel, the same from every screen (成员's Ctrl+Z, 标签,
操作记录): a window-modal bar shown only when the undo runs past half a second (a big import's
takes seconds), whose 取消 rolls the undo back whole."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...services.workspace import WorkspaceService
from ..tasks import CancelToken, LatestProgress
from ..widgets.progress import cancellable_progress
from .import_controller import PROGRESS_MS


class UndoProgress:
    """Built when the operator asks (the bar and its 取消 exist at once, before the write runs);
    ``await run(service, batch_id)`` undoes, returns the rows restored, raises ``Cancelled``."""

    def __init__(self, parent: QWidget, what: str) -> None:
        self.token, self._box = CancelToken(), LatestProgress()
        self.dialog: QProgressDialog | None = cancellable_progress(
            parent, QCoreApplication.translate("Undo", "正在撤销「{what}」…").format(what=what),
            QCoreApplication.translate("Undo", "撤销"), QCoreApplication.translate("Undo", "取消"),
            self.token.cancel, modality=Qt.WindowModality.WindowModal, show_after_ms=500)
        self.dialog.setMinimumWidth(420)
        self._timer = QTimer(self.dialog)
        self._timer.setInterval(PROGRESS_MS)
        self._timer.timeout.connect(self._show)
        self._timer.start()

    def _show(self) -> None:
        value = self._box.take()
        if value is not None and self.dialog is not None:
            done, total = value.done, value.total
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, total))

    async def run(self, service: WorkspaceService, batch_id: int) -> int:
        try:
            return await service.undo(batch_id, progress=self._box, cancel=self.token)
        finally:
            self.close()

    def close(self) -> None:
        if self.dialog is not None:
            self._timer.stop()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
