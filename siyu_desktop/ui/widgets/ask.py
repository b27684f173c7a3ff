"""Asking the operator from inside a coroutine without a nested event loop.

``QMessageBox.exec()`` spins a second Qt event loop. Called from a coroutine under qasync, that
loop runs other tasks' steps while this task is still mid-step, and asyncio refuses them
("Cannot enter into task … while another task is being executed"): a sync running in the
background stops dead. ``ask`` opens the box window-modally with ``open()`` and awaits its answer
instead, so everything else keeps running while the operator reads.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

Confirm = Callable[[str], "bool | Awaitable[bool]"]


async def ask(parent: QWidget | None, title: str, text: str, ok_text: str = "",
              cancel_text: str = "",
              icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> bool:
    """True when the operator pressed OK; Esc, Cancel or closing the box mean no."""
    box = QMessageBox(icon, title, text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    ok = box.button(QMessageBox.StandardButton.Ok)
    ok.setText(ok_text or QCoreApplication.translate("Ask", "确定"))
    box.button(QMessageBox.StandardButton.Cancel).setText(
        cancel_text or QCoreApplication.translate("Ask", "取消"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finished(_result: int) -> None:
        if not answer.done():
            answer.set_result(box.clickedButton() is ok)
    box.finished.connect(finished)
    box.open()
    try:
        return await answer
    finally:
        if box.isVisible():  # the task was cancelled while the box was up
            box.reject()
        box.deleteLater()


async def answer_of(confirm: Confirm, text: str) -> bool:
    """Call a confirmation hook that may answer at once (tests) or later (``ask``)."""
    result = confirm(text)
    if inspect.isawaitable(result):
        return bool(await result)
    return bool(result)
