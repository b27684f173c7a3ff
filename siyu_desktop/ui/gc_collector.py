"""Garbage collection on the GUI thread only (as Anki does). Python's collector runs on whichever
thread happens to allocate; when that is a worker thread and the garbage holds a Qt object with a
timer, Qt cannot stop the timer there ("Timers cannot be stopped from another thread") and may
later fire it at a dead object. So automatic collection is off and a timer here collects.

A full pass walks every container object the process holds, and it runs on the GUI thread: what
exists once the app has started (modules, Qt wrappers, pypinyin's dictionaries — some 200,000
lists) lives as long as the app, so it is frozen out of the passes (``gc.freeze``). Unfrozen, a
full pass took 40 ms on an idle machine and 100-180 ms during a sync, the event loop stalled
all that time.

The GIL: a worker thread busy in Python (the writer during a sync) keeps the GUI thread waiting
up to the switch interval each time it wants the GIL back — after every select, send, receive.
Python's default is 5 ms; the app uses 1 ms (``favour_gui_thread``)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000
SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while another waits for it


def favour_gui_thread() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL)


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        gc.collect()
        gc.freeze()  # what the app started with is not garbage; full passes skip it from now
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
        gc.unfreeze()
        gc.enable()
