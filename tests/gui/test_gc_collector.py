"""The app's garbage collection: on the GUI thread, with what the app started with frozen out of
full passes (their length is how long the event loop stalls)."""

from __future__ import annotations

import gc
import sys

from siyu_desktop.ui.gc_collector import SWITCH_INTERVAL, GuiThreadCollector, favour_gui_thread


def test_the_collector_freezes_startup_objects_and_thaws_them_when_stopped() -> None:
    import pypinyin  # noqa: F401  (its dictionaries: ~200k lists a full pass would walk)

    switch = sys.getswitchinterval()
    collector = GuiThreadCollector()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 100_000 and not gc.isenabled()
        garbage: list[object] = []
        garbage.append(garbage)  # a cycle made after start is still collected
        del garbage
        assert gc.collect() >= 1
        favour_gui_thread()
        assert sys.getswitchinterval() == SWITCH_INTERVAL
    finally:
        collector.stop()
        sys.setswitchinterval(switch)
        gc.disable()  # as the test session runs (conftest)
    assert gc.get_freeze_count() == 0
