"""Renaming, deleting and merging tags reaches WeCom through the outbox (``edit_corp_tag``,
``del_corp_tag``), so a sync afterwards keeps the operator's library instead of reverting it;
each call is applied once even when a push is interrupted, and read-only tags are explained."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop.errors import ValidationError
from siyu_desktop.services import outbox as outbox_service
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import outbox as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator
from siyu_desktop.wecom.emulator.corp import TagGroup

from .conftest_wecom import make_client


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=9, members=60, groups=3, staff=4, latency_ms=0) as running:
        yield running


@pytest.fixture
async def synced(empty_workspace: Workspace, emu: RunningEmulator) -> Workspace:
    await sync(empty_workspace, emu)
    return empty_workspace


async def sync(ws: Workspace, emu: RunningEmulator) -> None:
    async with make_client(emu) as client:
        await SyncService(ws).run(client, "full")


async def push(ws: Workspace, emu: RunningEmulator) -> outbox_service.PushReport:
    async with make_client(emu) as client:
        return await OutboxService(ws).push(client)


def _wecom_group(ws: Workspace, emu: RunningEmulator, *, admin_made: bool) -> tuple[int, TagGroup]:
    group = next(g for g in emu.corp.tag_groups if g.admin_made == admin_made)
    gid = ws.reader().execute("SELECT id FROM tag_groups WHERE wecom_group_id = ?",
                              (group.group_id,)).fetchone()[0]
    return gid, group


def _claim_group(ws: Workspace, gid: int) -> None:
    """Say the app made this group and its tags: what it would know had it created them (a
    sync cannot tell, so it records every WeCom tag as the admin console's)."""
    def run(ctx: Any) -> None:
        ctx.conn.execute("UPDATE tag_groups SET source = 'app' WHERE id = ?", (gid,))
        ctx.conn.execute("UPDATE tags SET source = 'app' WHERE group_id = ?", (gid,))
    ws.write(run)


async def _app_tag(ws: Workspace, emu: RunningEmulator, name: str) -> tuple[int, str]:
    """A tag this app created in a WeCom tag group, pushed: (local id, WeCom id)."""
    gid, _group = _wecom_group(ws, emu, admin_made=True)
    tid, _batch = await WorkspaceService(ws).create_tag(gid, name)
    assert (await push(ws, emu)).sent == 1
    wecom_id, source = ws.reader().execute("SELECT wecom_tag_id, source FROM tags WHERE id = ?",
                                           (tid,)).fetchone()
    assert wecom_id and source == "app"
    return tid, wecom_id


def _wecom_name(emu: RunningEmulator, ident: str) -> str | None:
    for g in emu.corp.tag_groups:
        if g.group_id == ident:
            return g.group_name
        for t in g.tags:
            if t.id == ident:
                return t.name
    return None


def _live(ws: Workspace, kind: str) -> list[store.OutboxItem]:
    return [i for i in store.items(ws.reader(), ("pending", "sending", "failed")) if i.kind == kind]


async def test_renamed_tags_and_groups_survive_a_sync(synced: Workspace, emu: RunningEmulator) -> None:
    service, c = WorkspaceService(synced), synced.reader()
    tid, wecom_id = await _app_tag(synced, emu, "复购达人")
    await service.rename_tag(tid, "复购之星")
    await service.rename_tag(tid, "复购王")  # supersedes the first rename: one call, last name
    assert [i.payload["name"] for i in _live(synced, store.EDIT_CORP_TAG)] == ["复购王"]
    await sync(synced, emu)  # a sync before the push keeps the waiting name
    assert c.execute("SELECT name FROM tags WHERE id = ?", (tid,)).fetchone()[0] == "复购王"
    report = await push(synced, emu)
    assert report.sent == 1 and report.failed == 0
    assert _wecom_name(emu, wecom_id) == "复购王"
    assert emu.corp.stats.edit_corp_tag_calls == [{"id": wecom_id, "name": "复购王"}]
    await sync(synced, emu)
    assert c.execute("SELECT name FROM tags WHERE id = ?", (tid,)).fetchone()[0] == "复购王"

    # A tag group this app made: renamed there too, and kept by the next sync.
    gid, group = _wecom_group(synced, emu, admin_made=False)
    with pytest.raises(ValidationError) as info:  # unknown maker: read-only until known
        await service.rename_tag_group(gid, "购买力")
    assert "管理后台" in info.value.message
    _claim_group(synced, gid)
    await service.rename_tag_group(gid, "购买力")
    assert (await push(synced, emu)).sent == 1
    assert group.group_name == "购买力"
    await sync(synced, emu)
    assert c.execute("SELECT name FROM tag_groups WHERE id = ?", (gid,)).fetchone()[0] == "购买力"


async def test_a_rename_wecom_refuses_is_explained(synced: Workspace, emu: RunningEmulator) -> None:
    gid, group = _wecom_group(synced, emu, admin_made=True)
    _claim_group(synced, gid)  # wrongly believed ours: WeCom has the last word
    await WorkspaceService(synced).rename_tag_group(gid, "随便改改")
    report = await push(synced, emu)
    assert report.failed == 1 and report.errors == [outbox_service.READ_ONLY_GROUP_TEXT]
    assert group.group_name != "随便改改"
    c = synced.reader()
    assert c.execute("SELECT source FROM tag_groups WHERE id = ?", (gid,)).fetchone()[0] == "admin"
    item = store.items(c, ("failed",))[0]
    await OutboxService(synced).discard(item.id)
    await sync(synced, emu)  # given up: WeCom's name comes back
    assert c.execute("SELECT name FROM tag_groups WHERE id = ?", (gid,)).fetchone()[0] == \
        group.group_name


async def test_deleted_tags_and_groups_stay_gone_after_a_sync(
        synced: Workspace, emu: RunningEmulator) -> None:
    service, c = WorkspaceService(synced), synced.reader()
    tid, wecom_id = await _app_tag(synced, emu, "临时活动")
    await service.rename_tag(tid, "临时活动A")
    await service.delete_tags([tid])  # the waiting rename has nothing left to do
    assert _live(synced, store.EDIT_CORP_TAG) == []
    assert [i.payload for i in _live(synced, store.DEL_CORP_TAG)] == \
        [{"tag_ids": [wecom_id], "group_ids": []}]
    await sync(synced, emu)  # before the push: the tag does not come back
    assert c.execute("SELECT 1 FROM tags WHERE wecom_tag_id = ?", (wecom_id,)).fetchone() is None
    assert (await push(synced, emu)).sent == 1
    assert _wecom_name(emu, wecom_id) is None
    await sync(synced, emu)
    assert c.execute("SELECT 1 FROM tags WHERE wecom_tag_id = ?", (wecom_id,)).fetchone() is None

    # Created and deleted before any push: nothing to send at all.
    gid, _group = _wecom_group(synced, emu, admin_made=True)
    offline, _batch = await service.create_tag(gid, "一闪而过")
    await service.delete_tags([offline])
    assert _live(synced, store.ADD_CORP_TAG) == [] and _live(synced, store.DEL_CORP_TAG) == []

    # A whole group this app made goes as one group id.
    gid, group = _wecom_group(synced, emu, admin_made=False)
    _claim_group(synced, gid)
    await service.delete_tag_group(gid)
    assert [i.payload for i in _live(synced, store.DEL_CORP_TAG)] == \
        [{"tag_ids": [], "group_ids": [group.group_id]}]
    assert (await push(synced, emu)).sent == 1
    assert group not in emu.corp.tag_groups
    await sync(synced, emu)
    assert c.execute("SELECT 1 FROM tag_groups WHERE wecom_group_id = ?",
                     (group.group_id,)).fetchone() is None
    assert len(emu.corp.stats.del_corp_tag_calls) == 2


async def test_a_merge_moves_relationships_then_deletes_the_sources(
        synced: Workspace, emu: RunningEmulator) -> None:
    service, c = WorkspaceService(synced), synced.reader()
    source, source_wecom = await _app_tag(synced, emu, "老客")
    target, target_wecom = await _app_tag(synced, emu, "熟客")
    member = next(m for m in emu.corp.members.values() if len(m.follows) >= 2)
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                    (member.external_userid,)).fetchone()[0]
    await service.add_tag(source, [mid])
    assert (await push(synced, emu)).sent == len(member.follows)
    await service.merge_tags([source], target)
    kinds = [i.kind for i in store.items(c, ("pending",))]
    assert kinds == [store.MARK_TAG] * len(member.follows) + [store.DEL_CORP_TAG]
    report = await push(synced, emu)
    assert report.sent == len(kinds) and report.failed == 0
    assert all(target_wecom in f.tag_ids and source_wecom not in f.tag_ids
               for f in member.follows)
    assert _wecom_name(emu, source_wecom) is None
    await sync(synced, emu)
    assert c.execute("SELECT 1 FROM tags WHERE id = ?", (source,)).fetchone() is None
    assert c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid, target)).fetchone()


async def test_interrupted_renames_and_deletions_are_checked_not_repeated(
        synced: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    service = WorkspaceService(synced)
    renamed, renamed_wecom = await _app_tag(synced, emu, "待改名")
    deleted, deleted_wecom = await _app_tag(synced, emu, "待删除")
    await service.rename_tag(renamed, "已改名")
    await service.delete_tags([deleted])
    real, crashed = store.mark_sent, set()

    def crash_once(ctx: Any, item_id: int, *args: Any, **kwargs: Any) -> None:
        if item_id not in crashed:
            crashed.add(item_id)
            raise SystemExit("killed after WeCom applied the call")
        real(ctx, item_id, *args, **kwargs)
    monkeypatch.setattr(store, "mark_sent", crash_once)
    with pytest.raises(SystemExit):
        await push(synced, emu)  # the rename reached WeCom, then the process died
    with pytest.raises(SystemExit):
        await push(synced, emu)  # the rename is found done; the deletion dies the same way
    monkeypatch.setattr(store, "mark_sent", real)
    stats = emu.corp.stats
    assert len(stats.edit_corp_tag_calls) == 1 and len(stats.del_corp_tag_calls) == 1
    path = synced.path
    synced.close()  # "restart"
    with Workspace.open(path) as ws:
        assert [i.status for i in _live(ws, store.EDIT_CORP_TAG)] == []
        assert [i.status for i in _live(ws, store.DEL_CORP_TAG)] == ["sending"]
        report = await push(ws, emu)
        assert report.reconciled == 1 and report.sent == 0
        assert len(stats.edit_corp_tag_calls) == 1 and len(stats.del_corp_tag_calls) == 1
        assert _wecom_name(emu, renamed_wecom) == "已改名"
        assert _wecom_name(emu, deleted_wecom) is None
        assert _live(ws, store.DEL_CORP_TAG) == []
        # Marked sending but the call never left: checked, then sent once.
        await WorkspaceService(ws).rename_tag(renamed, "又改名")
        ws.write(lambda ctx: ctx.conn.execute("UPDATE outbox SET status = 'sending' WHERE "
                                              "status = 'pending'"))
        report = await push(ws, emu)
        assert report.sent == 1 and report.reconciled == 0
        assert len(stats.edit_corp_tag_calls) == 2 and _wecom_name(emu, renamed_wecom) == "又改名"


async def test_library_edits_wait_for_an_offline_tag_and_follow_undo(
        synced: Workspace, emu: RunningEmulator) -> None:
    service, c = WorkspaceService(synced), synced.reader()
    gid, group = _wecom_group(synced, emu, admin_made=True)
    # Created offline, then renamed: the creation sends the final name, nothing else.
    tid, _batch = await service.create_tag(gid, "新品尝鲜")
    await service.rename_tag(tid, "新品尝鲜官")
    assert _live(synced, store.EDIT_CORP_TAG) == []
    assert (await push(synced, emu)).sent == 1
    assert any(t.name == "新品尝鲜官" for t in group.tags)
    # Undo a rename: WeCom gets the old name back.
    _none, batch = await service.rename_tag(tid, "尝鲜")
    assert (await push(synced, emu)).sent == 1
    await service.undo(batch)
    assert [i.payload["name"] for i in _live(synced, store.EDIT_CORP_TAG)] == ["新品尝鲜官"]
    assert (await push(synced, emu)).sent == 1
    wecom_id = c.execute("SELECT wecom_tag_id FROM tags WHERE id = ?", (tid,)).fetchone()[0]
    assert _wecom_name(emu, wecom_id) == "新品尝鲜官"
    # Undo a delete before it was pushed: the deletion is withdrawn.
    _removed, batch = await service.delete_tags([tid])
    await service.undo(batch)
    assert _live(synced, store.DEL_CORP_TAG) == []
    assert (await push(synced, emu)).sent == 0
    await sync(synced, emu)
    assert c.execute("SELECT name FROM tags WHERE id = ?", (tid,)).fetchone()[0] == "新品尝鲜官"


@pytest.mark.parametrize("pushed_first", [False, True], ids=["rename-waiting", "rename-pushed"])
async def test_undoing_a_merge_keeps_the_sources_rename(
        synced: Workspace, emu: RunningEmulator, pushed_first: bool) -> None:
    """The merge's deletion supersedes a waiting rename of its source; undoing the merge brings
    the tag back under the new name, so that rename has to go to WeCom again, or the next sync
    reads WeCom's old name and silently reverts the operator's rename."""
    service, c = WorkspaceService(synced), synced.reader()
    source, source_wecom = await _app_tag(synced, emu, "老朋友")
    target, _target_wecom = await _app_tag(synced, emu, "好朋友")
    await service.rename_tag(source, "老朋友们")
    if pushed_first:
        assert (await push(synced, emu)).sent == 1
    _moved, batch = await service.merge_tags([source], target)
    assert _live(synced, store.EDIT_CORP_TAG) == []
    await service.undo(batch)
    assert _live(synced, store.DEL_CORP_TAG) == []  # the deletion is withdrawn
    report = await push(synced, emu)
    assert report.failed == 0
    assert _wecom_name(emu, source_wecom) == "老朋友们"
    assert emu.corp.stats.edit_corp_tag_calls == [{"id": source_wecom, "name": "老朋友们"}]
    await sync(synced, emu)
    assert c.execute("SELECT name FROM tags WHERE id = ?", (source,)).fetchone()[0] == "老朋友们"
    assert _live(synced, store.EDIT_CORP_TAG) == []
