"""Nothing stale survives a full sync: a staff member leaves, a colleague inherits their
customers and groups, and the next full sync leaves none of the departed member's relationships,
relationship tags or roster rows — audited as the sync — while ``member_tags`` follows the tag
rule (``domain/tag_links.py``) and the departed member is kept, marked as such."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop.store import outbox as outbox_store
from siyu_desktop.store import tags as tag_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator
from siyu_desktop.wecom.emulator.corp import EmulatorCorp, Follow, RosterEntry, version_of

from .test_sync import expected, full, snapshot


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=11, members=150, groups=10, staff=5, latency_ms=0) as running:
        yield running


def staff_leaves(corp: EmulatorCorp, departed: str, colleague: str,
                 refused: set[str]) -> None:
    """What WeCom shows after ``departed`` left and their customers and groups went to
    ``colleague`` (resigned-member inheritance): the customers in ``refused`` refused the
    transfer (no relationship left with either), and a customer the colleague already had keeps
    only that relationship."""
    with corp.lock:
        corp.staff = [s for s in corp.staff if s.userid != departed]
        corp.by_staff.pop(departed, None)
        for m in corp.members.values():
            old = next((f for f in m.follows if f.userid == departed), None)
            if old is None:
                continue
            m.follows.remove(old)
            if m.external_userid in refused or any(f.userid == colleague for f in m.follows):
                continue
            m.follows.append(Follow(colleague, old.remark, old.description, old.createtime,
                                    old.add_way, old.state, colleague, list(old.remark_mobiles),
                                    list(old.tag_ids)))
            corp.by_staff.setdefault(colleague, []).append(m.external_userid)
        for g in corp.groups.values():
            g.roster = [e for e in g.roster if e.userid != departed]
            g.admins = [a for a in g.admins if a != departed]
            if g.owner == departed:
                g.owner = colleague
                if not any(e.userid == colleague for e in g.roster):
                    g.roster.insert(0, RosterEntry(colleague, 1, int(corp.now), 1))
            g.member_version = version_of(g)


async def test_a_departed_staff_members_relationships_tags_and_rosters_go(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    await full(ws, emu)
    c = ws.reader()
    departed, colleague = corp.staff[0].userid, corp.staff[1].userid
    theirs = [m for m in corp.members.values() if any(f.userid == departed for f in m.follows)]
    only_theirs = [m for m in theirs if len(m.follows) == 1 and m.follows[0].tag_ids]
    assert len(only_theirs) >= 2 and len(theirs) >= 10
    # Two of their tagged customers refuse the transfer. For one of them the operator has just
    # added a WeCom tag that is still waiting in the outbox: the rule keeps that link.
    refused = {m.external_userid for m in only_theirs[:2]}
    keeper = only_theirs[0]
    kept_tag = next(t for t in corp.all_tags() if t not in keeper.follows[0].tag_ids)
    keeper_id = c.execute("SELECT id FROM members WHERE external_userid = ?",
                          (keeper.external_userid,)).fetchone()[0]

    def operator_tags(ctx: Any) -> None:
        tid = ctx.conn.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (kept_tag,)).fetchone()[0]
        tag_store.add_tag(ctx, tid, [keeper_id])
        assert outbox_store.enqueue_tag_changes(ctx) == 1
    ws.write(operator_tags)
    # A group the departed member was in is dismissed before the transfer: not listed any more,
    # its roster is kept as history, but without the member who left.
    dismissed = next(g for g in corp.groups.values()
                     if g.owner != departed and any(e.userid == departed for e in g.roster))
    with corp.lock:
        del corp.groups[dismissed.chat_id]
    staff_leaves(corp, departed, colleague, refused)
    before_batches = c.execute("SELECT max(id) FROM audit_batches").fetchone()[0]

    report = await full(ws, emu)

    got, want = snapshot(ws), expected(corp)
    assert got["follows"] == want["follows"]
    assert got["follow_tags"] == want["follow_tags"]
    assert got["member_tags"] == sorted({*want["member_tags"], (keeper.external_userid, kept_tag)})
    kept_roster = sorted((dismissed.chat_id, e.userid, e.join_time, e.join_scene, e.invitor,
                          e.group_nickname) for e in dismissed.roster if e.userid != departed)
    assert got["roster"] == sorted([*want["roster"], *kept_roster])
    # The customers who refused have no relationship left and lost the tags WeCom took away
    # with it; the colleague has the others.
    for m in theirs:
        mine = {r[0] for r in c.execute(
            "SELECT s.userid FROM follows f JOIN staff s ON s.id = f.staff_id JOIN members m2 "
            "ON m2.id = f.member_id WHERE m2.external_userid = ?", (m.external_userid,))}
        assert mine == {f.userid for f in m.follows}
        if m.external_userid not in refused:
            assert colleague in mine
    # The departed member is kept, marked as departed, and nothing refers to them any more
    # but the history.
    sid, active, departed_at = c.execute("SELECT id, active, departed_at FROM staff WHERE "
                                         "userid = ?", (departed,)).fetchone()
    assert active == 0 and departed_at is not None
    for table in ("follows", "follow_tags", "roster"):
        assert c.execute(f"SELECT count(*) FROM {table} WHERE staff_id = ?", (sid,)).fetchone() == (0,)
    assert c.execute("SELECT count(*) FROM groups WHERE owner_staff_id = ?", (sid,)).fetchone() == (0,)
    assert report.counts["follows_removed"] >= len(theirs)
    # Audited as the sync, visible in the history, not undoable (the next sync would redo it).
    removed = {(tbl, json.loads(b)["staff_id"] if b and not cols else None)
               for tbl, b, cols in c.execute(
                   "SELECT a.tbl, a.before, a.cols FROM audit a JOIN audit_batches b ON "
                   "b.id = a.batch_id WHERE b.id > ? AND b.actor = 'sync' AND a.after IS NULL "
                   "AND b.undoable = 0", (before_batches,))}
    assert ("follows", sid) in removed and ("follow_tags", sid) in removed
    assert any(tbl == "roster" for tbl, _ in removed)
    # The index agrees with SQL.
    assert sid not in ws.index.staff or len(ws.index.staff[sid]) == 0
    for staff_id, n in c.execute("SELECT staff_id, count(*) FROM follows GROUP BY staff_id"):
        assert len(ws.index.staff[staff_id]) == n
    # A further full sync finds nothing more to remove.
    audit_rows = c.execute("SELECT count(*) FROM audit").fetchone()[0]
    await full(ws, emu)
    assert c.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows


async def test_a_staff_member_listed_again_is_no_longer_departed(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    await full(ws, emu)
    c = ws.reader()
    gone = corp.staff[-1]
    with corp.lock:
        corp.staff.remove(gone)
    await full(ws, emu, mode="incremental")
    assert c.execute("SELECT active, departed_at IS NOT NULL FROM staff WHERE userid = ?",
                     (gone.userid,)).fetchone() == (0, 1)
    with corp.lock:
        corp.staff.append(gone)
    await full(ws, emu, mode="incremental")
    assert c.execute("SELECT active, departed_at FROM staff WHERE userid = ?",
                     (gone.userid,)).fetchone() == (1, None)
