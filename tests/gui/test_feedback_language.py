"""An error reaches the operator whole in their language: what happened and what to do."""

from __future__ import annotations

import re
import sqlite3

from PySide6.QtWidgets import QMainWindow, QMessageBox

from siyu_desktop.store.db import _disk_error
from siyu_desktop.ui.feedback import Feedback

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def _shown(qtbot: object, english: bool) -> tuple[str, str]:
    window = QMainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    feedback = Feedback(window, window.statusBar(), english=english)
    error = _disk_error(sqlite3.OperationalError("database or disk is full"))
    assert error is not None
    feedback.user_error(error)
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    boxes[0].close()
    return window.statusBar().currentMessage(), text


def test_in_english_the_message_and_the_hint_are_english(qtbot: object) -> None:
    status, box = _shown(qtbot, english=True)
    assert status == "The disk is full; the change was not saved."
    assert box == ("The disk is full; the change was not saved.\n\n"
                   "Free some disk space and try again; the data already in the workspace is intact.")
    assert not CJK.search(box)


def test_in_chinese_the_hint_follows_the_message(qtbot: object) -> None:
    status, box = _shown(qtbot, english=False)
    assert status == "磁盘空间已满，刚才的修改没有保存。"
    assert box.endswith("请清理磁盘空间后重试；工作区中原有的数据完好无损。")
