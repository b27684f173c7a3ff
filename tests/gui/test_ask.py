"""A question asked from inside a coroutine leaves every other task running (no nested loop)."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from siyu_desktop.ui.widgets.ask import answer_of, ask


def _press_later(button: QMessageBox.StandardButton, ms: int = 300) -> None:
    def press() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        box.button(button).click()
    QTimer.singleShot(ms, press)


def test_other_tasks_keep_running_while_the_operator_reads(driver: Any) -> None:
    ticks: list[float] = []
    failures: list[dict[str, Any]] = []
    loop = asyncio.get_event_loop()
    loop.set_exception_handler(lambda _l, ctx: failures.append(ctx))

    async def background() -> None:
        while True:
            ticks.append(loop.time())
            await asyncio.sleep(0.01)

    window = QWidget()  # as the main window is: closing the box must not end the app
    window.show()

    async def scenario() -> tuple[bool, bool, int]:
        ticker = asyncio.ensure_future(background())
        await asyncio.sleep(0.05)
        before = len(ticks)
        _press_later(QMessageBox.StandardButton.Ok)
        yes = await ask(window, "确认", "继续吗？")
        during = len(ticks) - before
        _press_later(QMessageBox.StandardButton.Cancel)
        no = await ask(window, "确认", "继续吗？")
        ticker.cancel()
        return yes, no, during
    try:
        yes, no, during = driver.run(scenario())
    finally:
        loop.set_exception_handler(None)
        window.close()
    assert yes is True and no is False
    assert during >= 10, during  # ~300 ms of 10 ms ticks went on while the box was up
    assert not failures, failures


def test_a_hook_may_answer_at_once_or_later(driver: Any) -> None:
    async def later(_text: str) -> bool:
        await asyncio.sleep(0)
        return True
    assert driver.run(answer_of(lambda _t: False, "x")) is False
    assert driver.run(answer_of(later, "x")) is True
