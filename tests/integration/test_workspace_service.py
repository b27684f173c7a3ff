"""The workspace services on a plain asyncio loop (no Qt), as the CLI and the screens use them."""

from __future__ import annotations

import asyncio
import threading

from siyu_desktop.domain.segments import Segment
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace


def tag_members(workspace: Workspace, tag_id: int) -> set[int]:
    return {r[0] for r in workspace.reader().execute(
        "SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}


async def test_info_counts(service: WorkspaceService) -> None:
    info = await service.info()
    assert (info.members, info.groups, info.staff) == (2000, 40, 20)
    assert info.demo and info.brand == "毛孩子食堂"


async def test_add_remove_and_undo_by_batch(service: WorkspaceService, workspace: Workspace) -> None:
    targets = [int(i) for i in (await service.evaluate(Segment(levels=(3,)))).to_array()]
    before = tag_members(workspace, 7)
    added, batch = await service.add_tag(7, targets)
    assert added == len(set(targets) - before)
    assert await service.count(Segment(all_tags=(7,), levels=(3,))) == len(targets)
    removed, batch2 = await service.remove_tag(7, targets[:10])
    assert removed == 10 and batch2 > batch
    await service.undo(batch2)
    await service.undo(batch)
    assert tag_members(workspace, 7) == before
    history = await service.recent_batches()
    assert [b.action for b in history[:2]] == ["undo", "undo"]


async def test_delete_several_tags_is_one_undoable_operation(service: WorkspaceService, workspace: Workspace) -> None:
    tags = [t for t in await service.tags() if not t.read_only][:3]
    ids = [t.id for t in tags]
    impact = service.tag_impact(ids)
    links = sum(len(tag_members(workspace, t)) for t in ids)
    union = set().union(*(tag_members(workspace, t) for t in ids))
    assert impact.members == len(union) > 0  # said before deleting: the members it touches
    removed, batch = await service.delete_tags(ids)
    assert removed == links
    assert all(not tag_members(workspace, t) for t in ids)
    await service.undo(batch)
    assert sum(len(tag_members(workspace, t)) for t in ids) == links


async def test_merge_impact_is_what_the_merge_does(service: WorkspaceService, workspace: Workspace) -> None:
    tags = [t for t in await service.tags() if not t.read_only]
    sources, target = [tags[0].id, tags[1].id], tags[2].id
    impact = service.merge_impact(sources, target)
    before = len(tag_members(workspace, target))
    moved, _batch = await service.merge_tags(sources, target)
    assert moved == impact.members
    assert len(tag_members(workspace, target)) == before + moved


async def test_segments_save_and_find(service: WorkspaceService) -> None:
    seg = Segment(levels=(2, 3), birthday_within_days=30)
    await service.save_segment("生日礼", seg)
    assert await service.find_segment("生日礼") == seg
    [(segment_id, name, _)] = [s for s in await service.saved_segments() if s[1] == "生日礼"]
    await service.delete_segment(segment_id)
    assert await service.find_segment(name) is None



async def test_a_write_submitted_then_cancelled_still_lands(service: WorkspaceService, workspace: Workspace) -> None:
    """Once handed to the writer, a write finishes even if the task awaiting it is cancelled
    (the screen moved on): cancelling must never silently drop what the operator asked for."""
    tag = 7
    member = next(m for m in workspace.index.all if m not in tag_members(workspace, tag))
    before = tag_members(workspace, tag)
    gate = threading.Event()
    blocker = workspace.submit(lambda ctx: gate.wait(10), audited=False)  # writer thread busy
    task = asyncio.ensure_future(service.add_tag(tag, [member]))
    await asyncio.sleep(0.05)  # queued behind the blocker, awaited by ``task``
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    gate.set()
    await asyncio.wrap_future(blocker)
    await asyncio.wrap_future(workspace.submit(lambda ctx: None, audited=False))  # drained
    assert tag_members(workspace, tag) == before | {member}
