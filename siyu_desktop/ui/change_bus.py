"""Carries ``Changes`` from the writer thread to the screens, at most a few times a second.

Each committed write reports what it touched. A push of thousands of outbox items commits
thousands of small writes; refreshing every screen for each (the outbox list, the history, the
tag counts) cost four fifths of the push's time. The bus passes the first change on at once and
folds those that follow within ``interval_ms`` into one, delivered when the interval ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..services.types import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # Changes, on the GUI thread
    _arrived = Signal(object)  # emitted on the writer thread: a queued connection

    def __init__(self, interval_ms: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: Changes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._flush)
        # queued by name: the writer thread emits, the GUI thread collects
        self._arrived.connect(self._collect, Qt.ConnectionType.QueuedConnection)

    def post(self, changes: Changes) -> None:
        """From any thread."""
        self._arrived.emit(changes)

    def _collect(self, changes: Changes) -> None:
        if not self._timer.isActive():  # quiet until now: pass it on at once
            self.changed.emit(changes)
            self._timer.start()
            return
        if self._pending is None:  # starts as this write's initiator; another one clears it
            self._pending = Changes(initiator=changes.initiator)
        self._pending.merge(changes)

    def _flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.changed.emit(pending)
            self._timer.start()  # and keep folding while writes keep coming

    def flush_now(self) -> None:
        """Deliver what is waiting (closing, tests)."""
        self._timer.stop()
        self._flush()
        self._timer.stop()
