"""The member index is read on worker threads while the writer thread applies changes to it."""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pyroaring import BitMap

from siyu_desktop.store.index import Changes, MemberIndex

BASE_TAGS = 2_000


@pytest.fixture
def index() -> MemberIndex:
    idx = MemberIndex()
    idx.tags = {t: BitMap(range(t % 50, 5_000, 7)) for t in range(1, BASE_TAGS + 1)}
    idx.all = BitMap(range(5_000))
    return idx


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads often so an unlocked reader meets the writer mid-iteration quickly."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def _race(index: MemberIndex, read: Callable[[], Any], rounds: int = 400) -> None:
    """Apply changes that add (and drop) tag ids on one thread while ``read`` runs on this one."""
    conn = sqlite3.connect(":memory:")  # tag-only changes never query it
    stop = threading.Event()

    def write() -> None:
        next_tag = BASE_TAGS + 1
        while not stop.is_set():
            added = Changes()
            for tag_id in range(next_tag, next_tag + 20):
                added.add_tag(tag_id, [tag_id % 5_000])
            index.apply(added, conn)
            index.apply(Changes(tags_dropped=set(range(next_tag, next_tag + 20))), conn)
            next_tag += 20

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        for _ in range(rounds):
            read()
    finally:
        stop.set()
        writer.join(10)


@pytest.mark.usefixtures("fast_switching")
def test_facet_counts_during_apply_see_a_consistent_snapshot(index: MemberIndex) -> None:
    within = BitMap(range(0, 5_000, 3))
    counts: list[dict[int, int]] = []
    _race(index, lambda: counts.extend((index.facet_counts(None), index.facet_counts(within))))
    assert all(set(range(1, BASE_TAGS + 1)) <= set(c) for c in counts)
    assert index.facet_counts(None) == {t: len(bm) for t, bm in index.tags.items()}

