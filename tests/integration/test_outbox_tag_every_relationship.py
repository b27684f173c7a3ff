"""Tagging a member asks for the tag on every one of their follow relationships (rule 4 in
``domain/tag_links.py``): a member who already shows the tag because one relationship carries
it in WeCom still gets ``mark_tag`` queued for the others, and after the push WeCom has it on
every relationship."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import outbox as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator

from .conftest_wecom import make_client


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=9, members=60, groups=3, staff=4, latency_ms=0) as running:
        yield running


async def test_tagging_a_member_queues_the_tag_for_relationships_that_lack_it(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    # A customer of two staff members; WeCom has a tag on the first relationship only.
    member = next(m for m in corp.members.values() if len(m.follows) >= 2)
    first, second = member.follows[0], member.follows[1]
    tag = next(t for t in corp.all_tags() if t not in first.tag_ids and t not in second.tag_ids)
    with corp.lock:
        first.tag_ids.append(tag)
    async with make_client(emu) as client:
        await SyncService(ws).run(client, "full")
    c = ws.reader()
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                    (member.external_userid,)).fetchone()[0]
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]
    assert c.execute("SELECT count(*) FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid, tid)).fetchone() == (1,)  # the member shows it already
    service = WorkspaceService(ws)
    assert await service.preview_tag_change(tid, [mid], True) == (0, len(member.follows) - 1)

    changed, _batch = await service.add_tag(tid, [mid])

    assert changed == 0  # the link was there; the pushes are still owed
    queued = {(i.member_id, i.staff_id) for i in store.items(c, ("pending",))
              if i.kind == store.MARK_TAG and i.tag_id == tid}
    staff = {u: s for u, s in c.execute("SELECT userid, id FROM staff")}
    assert queued == {(mid, staff[f.userid]) for f in member.follows[1:]}
    # Tagging again queues nothing more.
    await service.add_tag(tid, [mid])
    assert len([i for i in store.items(c, ("pending",)) if i.tag_id == tid]) == len(queued)
    async with make_client(emu) as client:
        await OutboxService(ws).push(client)
    assert all(tag in f.tag_ids for f in member.follows)
