"""Garbage collection on the GUI thread only (as Anki does). Python's collector runs on whichever
thread happens to allocate; when that is a worker thread and the garbage holds a Qt object with a
timer, Qt cannot stop the timer there ("Timers cannot be stopped from another thread") and may
later fire it at a dead object. So automatic collection is off and a timer here collects."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        # the same rule as the automatic collector: collect the oldest generation whose count
        # went over its threshold (young generations are cheap, the oldest is rare)
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
