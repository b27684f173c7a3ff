"""The one operation helper (``ui.tasks.TaskRunner``) and the one progress and cancel types
(``ops``): a write's changes come back with their initiator, an exclusive operation refuses a
second one, reads are latest-wins, writes never pre-empted, and worker progress is taken on the
UI thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from siyu_desktop.errors import Cancelled
from siyu_desktop.ops import INITIATOR, CancelToken, Progress
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.index import Changes
from siyu_desktop.ui.change_bus import ChangeBus
from siyu_desktop.ui.tasks import LatestProgress

from .conftest import Driver


def _tag_and_members(workspace: Workspace) -> tuple[int, list[int]]:
    conn = workspace.reader()
    tag = conn.execute("SELECT id FROM tags WHERE source = 'app' ORDER BY id LIMIT 1").fetchone()[0]
    members = [r[0] for r in conn.execute(
        "SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM member_tags "
        "WHERE tag_id = ?) ORDER BY id LIMIT 3", (tag,))]
    return tag, members


def test_a_write_brings_its_initiator_back_with_its_changes(
        driver: Driver, service: WorkspaceService, workspace: Workspace) -> None:
    bus = ChangeBus(interval_ms=300)
    got: list[Changes] = []
    bus.changed.connect(got.append)
    workspace.on_change(bus.post)
    tag, members = _tag_and_members(workspace)
    roster, tags_screen = object(), object()

    driver.tasks.run_write(service.add_tag(tag, members[:1]), initiator=roster)
    driver.idle()
    driver.wait_for(lambda: bool(got))
    assert got[-1].initiator is roster and got[-1].tag_added == {tag: members[:1]}

    # within the bus's folding window: two initiators fold into one delivery with none
    driver.tasks.run_write(service.add_tag(tag, members[1:2]), initiator=roster)
    driver.tasks.run_write(service.add_tag(tag, members[2:3]), initiator=tags_screen)
    driver.idle()
    driver.wait_for(lambda: sum(len(c.tag_added.get(tag, [])) for c in got) == 3, timeout=5)
    assert got[-1].initiator is None
    assert sorted(got[-1].tag_added[tag]) == sorted(members[1:3])

    # a write nobody claimed (the scheduler, the CLI) carries none; the context does not leak
    assert INITIATOR.get() is None
    got.clear()
    driver.run(asyncio.sleep(0.4))  # the folding window closes
    driver.tasks.run_write(service.remove_tag(tag, members))
    driver.idle()
    driver.wait_for(lambda: bool(got))
    assert got[-1].initiator is None and sorted(got[-1].tag_removed[tag]) == sorted(members)


def test_an_exclusive_operation_refuses_a_second_until_it_ends(driver: Driver) -> None:
    gate = asyncio.Event()
    ran: list[str] = []

    async def sync(name: str) -> str:
        ran.append(name)
        await gate.wait()
        return name

    first = driver.tasks.run_exclusive("wecom.sync", sync("first"))
    assert first is not None and driver.tasks.running("wecom.sync")
    second = sync("second")
    assert driver.tasks.run_exclusive("wecom.sync", second) is None
    assert second.cr_frame is None  # closed unstarted: no "never awaited" coroutine left over
    other = driver.tasks.run_exclusive("other", sync("other key"))
    assert other is not None  # another key is not held up
    driver.tasks.cancel("wecom.sync")  # not a named read: a name cannot cancel it
    gate.set()
    driver.idle()
    assert first.result() == "first" and ran == ["first", "other key"]
    assert not driver.tasks.running("wecom.sync")
    again = driver.tasks.run_exclusive("wecom.sync", sync("again"))
    assert again is not None
    driver.idle()
    assert again.result() == "again"


def test_reads_are_latest_wins_and_writes_are_never_pre_empted(driver: Driver) -> None:
    gate = asyncio.Event()
    done: list[str] = []

    async def work(name: str) -> None:
        await gate.wait()
        done.append(name)

    old_read = driver.tasks.run(work("old read"), name="search")
    driver.tasks.run(work("new read"), name="search")
    write = driver.tasks.run_write(work("write"))
    driver.tasks.run(work("read after the write"), name="search")
    gate.set()
    driver.idle()
    assert old_read.cancelled() and not write.cancelled()
    assert sorted(done) == ["read after the write", "write"]


def test_close_cancels_every_task_and_waits_for_them(driver: Driver) -> None:
    stopped: list[str] = []

    async def forever(name: str) -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            stopped.append(name)

    driver.tasks.run(forever("read"), name="r")
    driver.tasks.run_write(forever("write"))
    driver.tasks.run_exclusive("sync", forever("sync"))
    assert driver.tasks.busy
    driver.run(driver.tasks.close(timeout=5))
    assert not driver.tasks.busy and sorted(stopped) == ["read", "sync", "write"]
    assert not driver.tasks.running("sync")


def test_worker_progress_is_taken_latest_first_on_the_ui_thread() -> None:
    box = LatestProgress()
    assert box.take() is None

    def worker() -> None:
        for i in range(1, 1001):
            box(Progress("write", i, 1000, 2))
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert box.take() == Progress("write", 1000, 1000, 2)
    assert box.take() is None  # taken once
    assert Progress("read", 5).fraction is None and Progress("write", 1, 4).fraction == 0.25


def test_one_cancel_token_for_every_layer() -> None:
    token = CancelToken()
    assert not token() and not token.cancelled
    token.check()  # not cancelled: passes
    flipped = threading.Thread(target=token.cancel)
    flipped.start()
    flipped.join()
    assert token() and token.cancelled
    with pytest.raises(Cancelled):
        token.check()
