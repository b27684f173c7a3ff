"""One boundary for everything that goes wrong: the operator's problems are said in their words
(status bar, or a non-blocking message box for the ones that need attention); our bugs open a
report dialog with "copy details". Also the last-resort ``sys.excepthook``."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..errors import UserError
from ..wecom.errors import redact
from .i18n import user_error_text

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("出错了"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("私域运营台遇到了一个程序错误。你的数据已保存；"
                               "请把下面的详情复制给开发团队。"))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("复制详情"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class Feedback(QObject):
    """Shows messages; widgets never build message boxes themselves."""

    def __init__(self, window: QWidget | None = None, status_bar: QStatusBar | None = None,
                 english: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._status = status_bar
        self._english = english
        self._open: list[QWidget] = []

    def info(self, message: str, timeout_ms: int = 6000) -> None:
        if self._status is not None:
            self._status.showMessage(message, timeout_ms)

    def describe(self, exc: UserError, separator: str = "\n") -> str:
        """A user error in the window's language: the message and what to do."""
        return user_error_text(exc, separator, in_english=self._english)

    def user_error(self, exc: UserError, *, modal: bool = True) -> None:
        message = exc.english if self._english else exc.message
        text = self.describe(exc, "\n\n")
        self.info(message, 10000)
        if modal and self._window is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("无法完成"), text,
                              QMessageBox.StandardButton.Ok, self._window)
            self._keep(box)
            box.open()

    def error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.user_error(exc)
            return
        details = report_text(type(exc), exc, exc.__traceback__)
        log.error("unexpected error\n%s", details)
        if self._window is None:
            return
        dialog = CrashDialog(details, self._window)
        self._keep(dialog)
        dialog.open()

    def _keep(self, widget: QWidget) -> None:
        self._open.append(widget)
        widget.finished.connect(lambda *_: QTimer.singleShot(0, lambda: self._drop(widget)))  # type: ignore[attr-defined]

    def _drop(self, widget: QWidget) -> None:
        if widget in self._open:
            self._open.remove(widget)
            widget.deleteLater()

    def install_excepthook(self) -> None:
        def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, exc, tb)
                return
            self.error(exc.with_traceback(tb))
        sys.excepthook = hook


def report_text(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, exc, tb)
    header = (f"Siyu Desktop {__version__} · Python {platform.python_version()} · "
              f"{platform.system()} {platform.release()}\n\n")
    return redact(header + "".join(lines))
