"""Guards on the Qt binding we run on. PySide6 6.12.0's QObject.killTimer dropped a reference to
None on every call; qasync calls it once per callback, so on Python 3.11 (where None is not
immortal) the app aborted with "none_dealloc" after a few thousand awaits. pyproject pins
PySide6 below 6.12; this test fails if an install brings such a binding back."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_kill_timer_keeps_none_alive(qapp: object) -> None:
    timer_owner = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer_owner.killTimer(timer_owner.startTimer(1000))
    assert sys.getrefcount(None) - before > -100
