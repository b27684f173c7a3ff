"""The change bus passes the first change on at once and folds a burst into one delivery."""

from __future__ import annotations

import threading
from typing import Any

from siyu_desktop.store.index import Changes
from siyu_desktop.ui.change_bus import ChangeBus


def test_a_burst_of_writes_reaches_the_screens_as_few_merged_changes(driver: Any) -> None:
    bus = ChangeBus(interval_ms=100)
    got: list[Changes] = []
    bus.changed.connect(got.append)

    def writer() -> None:  # the writer thread commits 500 small writes
        for i in range(500):
            c = Changes(outbox_changed=True)
            c.add_tag(7, [i])
            if i == 250:
                c.library_changed = True
            bus.post(c)
    t = threading.Thread(target=writer)
    t.start()
    t.join()
    driver.wait_for(lambda: bool(got))
    assert got[0].tag_added == {7: [0]}  # the first one at once, as it was
    driver.wait_for(lambda: sum(len(c.tag_added.get(7, [])) for c in got) == 500, timeout=5)
    assert len(got) <= 5, len(got)
    assert sorted(i for c in got for i in c.tag_added[7]) == list(range(500))
    assert any(c.library_changed for c in got) and all(c.outbox_changed for c in got)

    got.clear()
    driver.wait_for(lambda: not bus._timer.isActive(), timeout=5)
    bus.post(Changes(segments_changed=True))  # quiet again: straight through
    driver.wait_for(lambda: bool(got), timeout=1)
    assert got[0].segments_changed


def test_merge_keeps_every_set_and_flag() -> None:
    a = Changes(members={1}, follows_changed=True)
    a.remove_tag(3, [1])
    b = Changes(members={2}, members_deleted={9}, tags_dropped={4}, full_rebuild=True)
    b.remove_tag(3, [2])
    a.merge(b)
    assert a.members == {1, 2} and a.members_deleted == {9} and a.tags_dropped == {4}
    assert a.tag_removed == {3: [1, 2]} and a.follows_changed and a.full_rebuild
    assert not a.outbox_changed


def test_changes_posted_from_the_writer_thread_are_delivered_on_the_gui_thread(
        driver: Any) -> None:
    bus = ChangeBus(interval_ms=50)
    threads: list[int] = []
    bus.changed.connect(lambda _c: threads.append(threading.get_ident()))
    t = threading.Thread(target=lambda: [bus.post(Changes(outbox_changed=True)) for _ in range(20)])
    t.start()
    t.join()
    driver.wait_for(lambda: bool(threads))
    driver.run(__import__("asyncio").sleep(0.2))
    assert set(threads) == {threading.get_ident()}
