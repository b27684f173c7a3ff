"""The progress box of long work the operator may cancel (export, undo of a big operation)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


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
