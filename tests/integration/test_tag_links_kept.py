"""Tag links are never lost (domain/tag_links.py): the operator's merge on the demo workspace,
then 立即同步 (push the outbox, then a full sync against the demo's own emulator), leaves every
member with exactly the links they had, the merged tag replaced by its target."""

from __future__ import annotations

import sqlite3

import pytest

from siyu_desktop.services.connection import ConnectionService, connect_demo_if_needed
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace


def _links(c: sqlite3.Connection) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for m, t in c.execute("SELECT member_id, tag_id FROM member_tags"):
        out.setdefault(m, set()).add(t)
    return out


def _tag(c: sqlite3.Connection, name: str) -> int:
    return int(c.execute("SELECT t.id FROM tags t JOIN tag_groups g ON g.id = t.group_id "
                         "WHERE g.name = '宠物类型' AND t.name = ?", (name,)).fetchone()[0])


@pytest.mark.parametrize("mirror", ["demo mirror", "no relationship rows"])
async def test_merge_then_sync_on_the_demo_loses_no_link(workspace: Workspace, mirror: str) -> None:
    c = workspace.reader()
    if mirror == "no relationship rows":
        # What a workspace looks like whose links never came from WeCom relationships (demos
        # made before the mirror was written, imported members, tags not yet synced back).
        workspace.write(lambda ctx: ctx.conn.execute("DELETE FROM follow_tags"))
    exotic, dog = _tag(c, "异宠"), _tag(c, "狗")
    before = _links(c)
    assert sum(exotic in s for s in before.values()) > 10

    service = ConnectionService(workspace)
    emulator = connect_demo_if_needed(workspace, service)
    assert emulator is not None
    try:
        await WorkspaceService(workspace).merge_tags([exotic], dog)
        async with service.make_client() as client:
            push = await OutboxService(workspace).push(client)
            assert push.failed == 0 and push.sent > 0
            await SyncService(workspace).run(client, "incremental")  # what 立即同步 runs
            _check_kept(c, before, exotic, dog)
            await SyncService(workspace).run(client, "full")
            _check_kept(c, before, exotic, dog)
    finally:
        emulator.stop()
    # and WeCom agrees: the mirror says each merged member's relationships carry the target
    merged = [m for m, s in before.items() if exotic in s]
    have_dog = {m for (m,) in c.execute("SELECT DISTINCT member_id FROM follow_tags WHERE "
                                        "tag_id = ?", (dog,))}
    assert set(merged) <= have_dog


def _check_kept(c: sqlite3.Connection, before: dict[int, set[int]], exotic: int, dog: int) -> None:
    members_before = set(before)
    after = _links(c)
    expected = {m: {dog if t == exotic else t for t in s} for m, s in before.items()}
    lost = {m: expected[m] - after.get(m, set()) for m in members_before
            if expected[m] - after.get(m, set())}
    invented = {m: after.get(m, set()) - expected[m] for m in members_before
                if after.get(m, set()) - expected[m]}
    assert not lost, f"{len(lost)} members lost links, e.g. {list(lost.items())[:3]}"
    assert not invented, f"{len(invented)} members gained links, e.g. {list(invented.items())[:3]}"
    assert c.execute("SELECT count(*) FROM tags WHERE id = ?", (exotic,)).fetchone()[0] == 0
