"""The outbox against the emulator: per-relationship tagging, nothing applied twice after a
crash, WeCom's refusals in the operator's words, retry/discard, offline, new tags, remarks."""

from __future__ import annotations

from typing import Any

import pytest

from siyu_desktop.services import outbox as outbox_service
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store import outbox as store
from siyu_desktop.store import tags as tag_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator

from .conftest_wecom import make_client, outbox_emu, synced_workspace  # noqa: F401


def _pick(ws: Workspace, emu: RunningEmulator, *, followers: int = 2) -> tuple[int, Any, str, int]:
    """A member with ``followers`` relationships and a WeCom tag none of them has."""
    corp = emu.corp
    member = next(m for m in corp.members.values() if len(m.follows) >= followers)
    tag = next(t for t, (g, _) in corp.all_tags().items()
               if all(t not in f.tag_ids for f in member.follows))
    c = ws.reader()
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                    (member.external_userid,)).fetchone()[0]
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]
    return mid, member, tag, tid


def _tag(ws: Workspace, tid: int, mids: list[int], add: bool = True) -> None:
    def run(ctx: Any) -> None:
        (tag_store.add_tag if add else tag_store.remove_tag)(ctx, tid, mids)
        outbox_service.enqueue_tag_changes(ctx)
    ws.write(run)


async def push(ws: Workspace, emu: RunningEmulator) -> outbox_service.PushReport:
    async with make_client(emu) as client:
        return await OutboxService(ws).push(client)


async def test_a_tag_goes_to_every_relationship_once(synced: Workspace, emu: RunningEmulator) -> None:
    mid, member, tag, tid = _pick(synced, emu)
    _tag(synced, tid, [mid])
    _tag(synced, tid, [mid])  # tagging again queues nothing new
    c = synced.reader()
    assert store.counts(c)["pending"] == len(member.follows)
    report = await push(synced, emu)
    assert report.sent == len(member.follows)
    assert all(tag in f.tag_ids for f in member.follows)
    assert len(emu.corp.stats.mark_tag_calls) == len(member.follows)
    assert c.execute("SELECT count(*) FROM follow_tags WHERE member_id = ? AND tag_id = ?",
                     (mid, tid)).fetchone()[0] == len(member.follows)
    # add then remove before pushing cancels out: nothing to send
    _tag(synced, tid, [mid], add=False)
    _tag(synced, tid, [mid], add=True)
    assert store.counts(c)["pending"] == 0
    assert (await push(synced, emu)).sent == 0


async def test_a_crash_between_the_call_and_sent_never_applies_twice(
        synced: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    mid, member, tag, tid = _pick(synced, emu, followers=1)
    _tag(synced, tid, [mid])
    real = store.mark_sent

    def crash(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("killed after WeCom applied the call")
    monkeypatch.setattr(store, "mark_sent", crash)
    with pytest.raises(SystemExit):
        await push(synced, emu)
    monkeypatch.setattr(store, "mark_sent", real)
    calls = len(emu.corp.stats.mark_tag_calls)
    assert calls == 1
    path = synced.path
    synced.close()  # "restart"
    with Workspace.open(path) as ws:
        assert [i.status for i in store.items(ws.reader())] == ["sending"]
        report = await push(ws, emu)
        assert report.reconciled == len(member.follows) and report.sent == 0
        assert len(emu.corp.stats.mark_tag_calls) == calls  # exactly one application
        assert [i.status for i in store.items(ws.reader())] == ["sent"]
        # The other way round: marked sending but the call never left; checked, then sent once.
        mid2, member2, tag2, tid2 = _pick(ws, emu, followers=1)
        _tag(ws, tid2, [mid2])
        ws.write(lambda ctx: ctx.conn.execute("UPDATE outbox SET status = 'sending' WHERE "
                                              "status = 'pending'"))
        report = await push(ws, emu)
        assert report.sent == 1 and len(emu.corp.stats.mark_tag_calls) == calls + 1
        assert tag2 in member2.follows[0].tag_ids


async def test_refusals_are_explained_and_can_be_retried_or_discarded(
        synced: Workspace, emu: RunningEmulator) -> None:
    mid, member, tag, tid = _pick(synced, emu, followers=1)
    _tag(synced, tid, [mid])
    with emu.corp.lock:  # the customer deleted the staff member in the meantime
        removed = member.follows.pop()
    report = await push(synced, emu)
    assert report.failed == 1
    c = synced.reader()
    item = store.items(c, ("failed",))[0]
    assert "好友关系" in item.last_error and "84061" in item.last_error
    service = OutboxService(synced)
    await service.retry(item.id)
    assert store.get(c, item.id).status == "pending"  # type: ignore[union-attr]
    with emu.corp.lock:
        member.follows.append(removed)
    assert (await push(synced, emu)).sent == 1
    # discard: the local tag goes back to what WeCom has
    mid2, _m2, _t2, tid2 = _pick(synced, emu, followers=1)
    _tag(synced, tid2, [mid2])
    assert c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid2, tid2)).fetchone()
    pending = store.items(c, ("pending",))[0]
    await service.discard(pending.id)
    assert store.get(c, pending.id).status == "discarded"  # type: ignore[union-attr]
    assert c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid2, tid2)).fetchone() is None


async def test_offline_keeps_items_pending(synced: Workspace, emu: RunningEmulator) -> None:
    mid, _member, _tag_id, tid = _pick(synced, emu, followers=1)
    _tag(synced, tid, [mid])
    emu.server.shutdown()
    emu.server.server_close()
    report = await push(synced, emu)
    assert report.offline and report.sent == 0
    item = store.items(synced.reader())[0]
    assert item.status == "pending" and "网络" in item.last_error


async def test_new_tags_and_remarks_reach_wecom(synced: Workspace, emu: RunningEmulator) -> None:
    c = synced.reader()
    gid = c.execute("SELECT g.id FROM tag_groups g WHERE g.wecom_group_id IS NOT NULL "
                    "ORDER BY g.id LIMIT 1").fetchone()[0]
    mid, member, _tag_id, _tid = _pick(synced, emu, followers=1)

    def create(ctx: Any) -> int:
        tid = tag_store.create_tag(ctx, gid, "复购达人")
        store.enqueue_new_tag(ctx, tid)
        tag_store.add_tag(ctx, tid, [mid])
        store.enqueue_tag_changes(ctx)
        return tid
    tid = synced.write(create)
    sid = c.execute("SELECT staff_id FROM follows WHERE member_id = ?", (mid,)).fetchone()[0]
    await OutboxService(synced).edit_remark(mid, sid, "王总-VIP")
    report = await push(synced, emu)
    assert report.sent == 3, report
    wecom_id, source = c.execute("SELECT wecom_tag_id, source FROM tags WHERE id = ?", (tid,)).fetchone()
    assert wecom_id in emu.corp.all_tags() and source == "app"
    assert wecom_id in member.follows[0].tag_ids
    assert member.follows[0].remark == "王总-VIP"
    assert len(emu.corp.stats.remark_calls) == 1
    # a sync afterwards agrees with what was pushed
    async with make_client(emu) as client:
        await SyncService(synced).run(client, "full")
    assert c.execute("SELECT remark FROM follows WHERE member_id = ? AND staff_id = ?",
                     (mid, sid)).fetchone()[0] == "王总-VIP"
    assert c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid, tid)).fetchone()


async def test_admin_console_tags_are_read_only(synced: Workspace, emu: RunningEmulator) -> None:
    from siyu_desktop.errors import ValidationError

    c = synced.reader()
    tid = c.execute("SELECT id FROM tags WHERE source = 'admin' LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as info:
        synced.write(tag_store.rename_tag, tid, "改个名")
    assert "管理后台" in info.value.message
