"""The progress of long work the operator may cancel: a box (export, undo of a big operation),
or a bar with 取消 inside a screen (``ProgressRow``) fed by ``ProgressWatch``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from ..tasks import CancelToken, LatestProgress

PROGRESS_MS = 100  # ten updates a second, whatever the worker's pace


def cancellable_progress(parent: QWidget | None, label: str, title: str, cancel_text: str,
                         on_cancel: Callable[[], None], *,
                         modality: Qt.WindowModality = Qt.WindowModality.NonModal,
                         show_after_ms: int = 300) -> QProgressDialog:
    """A busy bar (until a total is set) with a cancel button, shown only if the work is still
    running after ``show_after_ms``, and left to the caller to close."""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(on_cancel)
    return dialog


class ProgressRow(QWidget):
    """A bar with what runs and its 取消; hidden while nothing runs."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(240)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("正在取消…"))

    def stop(self) -> None:
        self.hide()


class ProgressWatch:
    """The latest progress of work on a worker thread, shown on ``row`` ten times a second;
    ``row``'s 取消 flips the token."""

    def __init__(self, owner: QObject, row: ProgressRow, text: str) -> None:
        self.token, self.box, self.row = CancelToken(), LatestProgress(), row
        self.done = 0
        row.start(text)
        self._cancel = row.cancel_requested.connect(self._cancelled)
        self.timer = QTimer(owner)
        self.timer.setInterval(PROGRESS_MS)
        self.timer.timeout.connect(self._show)
        self.timer.start()

    def _cancelled(self) -> None:
        self.token.cancel()
        self.row.cancelling()

    def _show(self) -> None:
        value = self.box.take()
        if value is not None:
            self.done = value.done
            self.row.set_progress(value.done, value.total)

    def stop(self) -> None:
        self.timer.stop()
        self.timer.deleteLater()
        self.row.cancel_requested.disconnect(self._cancel)
        self.row.stop()
