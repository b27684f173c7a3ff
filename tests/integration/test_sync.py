"""Sync against the emulator over loopback into real SQLite: field by field, incremental events,
interrupted and resumed runs, faults, and what a sync must never touch."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop.errors import Cancelled
from siyu_desktop.ops import CancelToken
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store import audit as audit_store
from siyu_desktop.store import migrations
from siyu_desktop.store import outbox as outbox_store
from siyu_desktop.store import tags as tag_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator
from siyu_desktop.wecom.emulator.corp import Follow, Group, Member, RosterEntry, version_of
from siyu_desktop.wecom.errors import TrustedIpError

from ..support.snapshots import emulator_snapshot as expected
from ..support.snapshots import wecom_snapshot as snapshot
from .conftest_wecom import FakeSleep, make_client

__all__ = ["expected", "full", "snapshot"]  # shared with the other sync tests


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=5, members=150, groups=10, staff=5, latency_ms=0) as running:
        yield running


async def full(ws: Workspace, emu: RunningEmulator, mode: str = "full", **kw: Any) -> Any:
    async with make_client(emu, sleep=kw.pop("sleep", None)) as client:
        return await SyncService(ws).run(client, mode, **kw)  # type: ignore[arg-type]


async def test_full_sync_matches_the_emulator_field_by_field(empty_workspace: Workspace,
                                                             emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    seen: list[str] = []
    report = await full(ws, emu, progress=lambda p: seen.append(p.step))
    got, want = snapshot(ws), expected(corp)
    assert [m[:4] for m in got["members"]] == want["members"]
    assert got["follows"] == want["follows"]
    assert got["follow_tags"] == want["follow_tags"]
    assert got["member_tags"] == want["member_tags"]
    assert got["roster"] == want["roster"]
    assert got["tags"] == want["tags"]
    assert len(got["groups"]) == len(corp.groups)
    assert got["stats"][0] >= 5 * 179  # 180 kept days per owner, up to yesterday
    assert seen[0] == "staff" and {"tags", "members", "groups", "stats"} <= set(seen)
    # the members and groups phases run side by side and either may create a customer first
    # (a customer met in a group roster): the counter is split between them, the data is not
    assert 0 < report.counts["members_added"] <= len(corp.members)
    # Every change is audited as the sync, and the index agrees with SQL.
    c = ws.reader()
    assert {r[0] for r in c.execute("SELECT DISTINCT actor FROM audit_batches WHERE changes > 0")} == {"sync"}
    tag_id, n = c.execute("SELECT tag_id, count(*) FROM member_tags GROUP BY tag_id LIMIT 1").fetchone()
    assert ws.index.count(tag_id) == n
    assert len(ws.index.all) == len(corp.members)
    for sid, n in c.execute("SELECT staff_id, count(*) FROM follows GROUP BY staff_id"):
        assert len(ws.index.staff[sid]) == n
    # A second full sync of the same data writes nothing the audit would show.
    before = c.execute("SELECT count(*) FROM audit").fetchone()[0]
    stats_calls = corp.stats.calls["/cgi-bin/externalcontact/groupchat/statistic_group_by_day"]
    await full(ws, emu)
    assert c.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert snapshot(ws) == got
    # Statistics days already kept are not asked for again.
    assert corp.stats.calls["/cgi-bin/externalcontact/groupchat/statistic_group_by_day"] == stats_calls


GET = "/cgi-bin/externalcontact/groupchat/get"


async def test_incremental_sync_reads_new_and_changed_groups_and_a_rolling_share(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    """``groupchat/list`` shows only ids and status, so an incremental sync reads the groups
    that are new or changed status, plus the share of the others read longest ago; a roster
    change elsewhere turns into join and leave events when its group's turn comes."""
    ws, corp = empty_workspace, emu.corp
    await full(ws, emu)
    chat_ids = sorted(corp.groups)
    group = corp.groups[chat_ids[-1]]  # read longest ago ties are broken by chat_id: last turn
    leaver = next(e for e in group.roster if e.type == 2)
    joiner = next(m for m in corp.members.values() if m.external_userid not in
                  {e.userid for e in group.roster})
    moved = corp.groups[chat_ids[0]]
    newcomer = Member("wmNEWCOMER0000000000000000000001", "新客户", 1, 2)
    staff = corp.staff[0].userid
    newcomer.follows.append(Follow(staff, "新客", "", 1_700_000_000, 1, "sms", staff, [], []))
    with corp.lock:
        group.roster.remove(leaver)
        group.roster.append(RosterEntry(joiner.external_userid, 2, 1_700_000_500, 3))
        group.member_version = version_of(group)
        moved.status = 1  # the owner resigned
        corp.groups["wrNEWGROUP000000000000000000001"] = Group(
            "wrNEWGROUP000000000000000000001", "新群", staff, 1_700_000_000, "", 0,
            [RosterEntry(staff, 1, 1_700_000_000, 1),
             RosterEntry(newcomer.external_userid, 2, 1_700_000_100, 3)], [])
        corp.members[newcomer.external_userid] = newcomer
        corp.by_staff[staff].append(newcomer.external_userid)
    c = ws.reader()
    last_event = c.execute("SELECT max(id) FROM roster_events").fetchone()[0]

    def events() -> list[tuple[str, str]]:
        return c.execute("SELECT e.kind, m.external_userid FROM roster_events e JOIN groups g ON "
                         "g.id = e.group_id JOIN members m ON m.id = e.member_id WHERE "
                         "g.chat_id = ? AND e.id > ? ORDER BY e.kind",
                         (group.chat_id, last_event)).fetchall()

    gets, contact_gets = corp.stats.calls[GET], corp.stats.calls["/cgi-bin/externalcontact/get"]
    async with make_client(emu) as client:
        report = await SyncService(ws, rolling_cycle=0, refresh_customers=0).run(client, "incremental")
    assert corp.stats.calls[GET] == gets + 2 and report.counts["groups_read"] == 2
    assert c.execute("SELECT status FROM groups WHERE chat_id = ?", (moved.chat_id,)).fetchone() == (1,)
    assert c.execute("SELECT count(*) FROM roster r JOIN groups g ON g.id = r.group_id "
                     "WHERE g.chat_id = 'wrNEWGROUP000000000000000000001'").fetchone() == (2,)
    assert events() == []  # not read yet: its list entry did not change
    assert report.counts["members_added"] == 1
    assert corp.stats.calls["/cgi-bin/externalcontact/get"] == contact_gets + 1  # the newcomer
    assert c.execute("SELECT f.remark FROM follows f JOIN members m ON m.id = f.member_id WHERE "
                     "m.external_userid = ?", (newcomer.external_userid,)).fetchone() == ("新客",)
    # A share of 1/len per run: every other group is read once before that one comes up.
    runs = 0
    while not events():
        runs += 1
        assert runs <= len(chat_ids)
        gets = corp.stats.calls[GET]
        async with make_client(emu) as client:
            await SyncService(ws, rolling_cycle=len(corp.groups)).run(client, "incremental")
        assert corp.stats.calls[GET] == gets + 1
    assert runs == len(chat_ids) - 1  # the moved group was read already; the others before it
    assert events() == [("join", joiner.external_userid), ("leave", leaver.userid)]
    assert snapshot(ws)["roster"] == expected(corp)["roster"]


async def test_a_full_sync_writes_each_member_once_and_audits_in_chunks(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    """Groups are written after every customer page: their rosters find the members there, so
    the groups phase creates only people nobody has added (and the members phase does not
    rewrite what the groups phase created). Every bulk write is audited as chunks."""
    ws, corp = empty_workspace, emu.corp
    stranger = "wmSTRANGER000000000000000000001"  # in a group, nobody's customer
    group = next(iter(corp.groups.values()))
    with corp.lock:
        group.roster.append(RosterEntry(stranger, 2, 1_700_000_000, 3))
        group.member_version = version_of(group)
    report = await full(ws, emu)
    assert report.counts["members_added"] == len(corp.members) + 1
    c = ws.reader()
    name, synced = c.execute("SELECT name, wecom_synced_at FROM members WHERE external_userid = ?",
                             (stranger,)).fetchone()
    assert name and synced is not None
    assert c.execute("SELECT count(*) FROM audit WHERE cols IS NULL AND tbl IN ('members', "
                     "'follows', 'follow_tags', 'member_tags', 'groups', 'roster')").fetchone() == (0,)
    # No member was inserted twice, nor had its WeCom fields rewritten after insertion.
    inserted: list[int] = []
    for cols, before, after in c.execute("SELECT cols, before, after FROM audit WHERE "
                                         "tbl = 'members'"):
        names = json.loads(cols)
        if before is None:
            inserted.extend(row[names.index("id")] for row in json.loads(after))
            continue
        for old, new in zip(json.loads(before), json.loads(after), strict=True):
            changed = {k for k, o, n in zip(names, old, new, strict=True) if o != n}
            # a later page's second relationship may move the remark, join time or channel
            assert changed <= {"remark", "joined_at", "channel", "updated_at"}, changed
    assert len(inserted) == len(set(inserted)) == len(corp.members) + 1
    # The index sees the stranger too, and history reads chunked entries like single ones.
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?", (stranger,)).fetchone()[0]
    assert mid in ws.index.all
    assert [e.entity for e in audit_store.member_history(c, mid)] == ["roster", "members"]


async def test_local_fields_local_tags_and_unsent_edits_survive_a_sync(empty_workspace: Workspace,
                                                                      emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    await full(ws, emu)
    c = ws.reader()
    member = next(m for m in corp.members.values() if any(f.tag_ids for f in m.follows))
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                    (member.external_userid,)).fetchone()[0]
    wecom_tag = next(t for f in member.follows for t in f.tag_ids)
    unused = next(t for t in corp.all_tags() if t not in {x for f in member.follows for x in f.tag_ids})

    def local_edits(ctx: Any) -> None:
        ctx.conn.execute("UPDATE members SET note = '爱猫', level = 2, points = 900, "
                         "birthday = '1990-05-01' WHERE id = ?", (mid,))
        local = tag_store.create_tag(ctx, tag_store.ensure_group(ctx, "本地标签"), "线下见过")
        tag_store.add_tag(ctx, local, [mid])
        unsent = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (unused,)).fetchone()[0]
        tag_store.add_tag(ctx, unsent, [mid])
        outbox_store.enqueue_tag_changes(ctx)
    ws.write(local_edits)
    # Meanwhile in WeCom, one of the member's tags is removed from every relationship.
    with corp.lock:
        for f in member.follows:
            f.tag_ids = [t for t in f.tag_ids if t != wecom_tag]
    await full(ws, emu)
    row = c.execute("SELECT note, level, points, birthday FROM members WHERE id = ?", (mid,)).fetchone()
    assert row == ("爱猫", 2, 900, "1990-05-01")
    have = {r[0] for r in c.execute("SELECT coalesce(t.wecom_tag_id, t.name) FROM member_tags mt "
                                    "JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ?", (mid,))}
    assert "线下见过" in have  # local-only tag
    assert unused in have  # waiting in the outbox: not undone by the sync
    assert wecom_tag not in have  # WeCom removed it


async def test_an_interrupted_sync_resumes_to_the_same_state(tmp_path: Any,
                                                            emu: RunningEmulator) -> None:
    reference = Workspace.open(tmp_path / "a.db")
    resumed = Workspace.open(tmp_path / "b.db")
    try:
        await full(reference, emu)
        reference_calls = emu.corp.stats.calls["/cgi-bin/externalcontact/batch/get_by_user"]
        # 1. cancelled by the operator in the middle of the member pages
        pages = {"n": 0}

        token = CancelToken()

        def progress(p: Any) -> None:
            if p.step == "members":
                pages["n"] += 1
                if pages["n"] >= 2:
                    token.cancel()

        with pytest.raises(Cancelled):
            await full(resumed, emu, progress=progress, cancel=token)
        c = resumed.reader()
        partial = c.execute("SELECT count(*) FROM members").fetchone()[0]
        assert 0 < partial < len(emu.corp.members)
        # 2. the task cancelled (asyncio) at a phase boundary: as the members phase restarts
        async def cancel_at_boundary() -> None:
            task = asyncio.ensure_future(full(resumed, emu, progress=lambda p: p.step == "members"
                                              and task.cancel()))
            with pytest.raises(asyncio.CancelledError):
                await task
        await cancel_at_boundary()
        report = await full(resumed, emu)
        assert report.resumed
        # Member pages were not read again from the start: at most the page each interruption
        # had fetched but not yet written is read twice.
        calls = emu.corp.stats.calls["/cgi-bin/externalcontact/batch/get_by_user"]
        assert calls <= 2 * reference_calls + 2
        assert snapshot(resumed) == snapshot(reference)
        runs = [r[0] for r in c.execute("SELECT status FROM sync_runs ORDER BY id")]
        assert runs == ["cancelled", "cancelled", "done"]
    finally:
        reference.close()
        resumed.close()


async def test_faults_are_retried_or_explained(empty_workspace: Workspace,
                                               emu: RunningEmulator) -> None:
    corp = emu.corp
    corp.set_faults(busy_next=2, only_path="/cgi-bin/externalcontact/groupchat/list")
    sleep = FakeSleep()
    corp.set_faults(rate_limited_next=1, only_path="/cgi-bin/externalcontact/get_corp_tag_list")
    await full(empty_workspace, emu, sleep=sleep)
    assert 60.0 in sleep.calls  # 45009: the minute window waited out (instantly, in tests)
    corp.reset_faults()
    corp.set_faults(ip_blocked=True)
    with pytest.raises(TrustedIpError) as info:
        await full(empty_workspace, emu)
    text = str(info.value)
    assert "可信 IP" in text and "中转服务器" in text and "未使用代理" in text
    assert "access_token" not in text
    c = empty_workspace.reader()
    status, error = c.execute("SELECT status, error FROM sync_runs ORDER BY id DESC").fetchone()
    assert status == "failed" and "可信 IP" in error


def test_a_v1_workspace_is_migrated_to_v2(tmp_path: Any) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migrations._v1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        c = ws.reader()
        assert c.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION >= 2
        for table in ("outbox", "sync_state", "sync_runs", "group_daily_stats"):
            c.execute(f"SELECT * FROM {table}")
        c.execute("SELECT wecom_synced_at FROM members")


CHILD = """
import os, sys, keyring, keyring.backend
class Mem(keyring.backend.KeyringBackend):
    priority = 1
    def get_password(self, s, u): return os.environ["EMU_SECRET"]
    def set_password(self, s, u, p): pass
    def delete_password(self, s, u): pass
keyring.set_keyring(Mem())
from siyu_desktop import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_killed_sync_process_resumes_to_the_same_state(tmp_path: Any) -> None:
    """The real thing: ``siyu sync --full`` in a child process, killed mid-members (SIGKILL, no
    cleanup at all), then run again to completion."""
    import os
    import re
    import subprocess
    import sys

    from siyu_desktop import cli
    from siyu_desktop.services.connection import ConnectionConfig, ConnectionService

    with running_emulator(seed=8, members=900, groups=6, staff=4, latency_ms=8) as emu:
        paths = [tmp_path / "killed.db", tmp_path / "reference.db"]
        for path in paths:
            with Workspace.open(path) as ws:
                ConnectionService(ws).save(ConnectionConfig(emu.corp.corp_id, emu.base_url),
                                           emu.corp.secret)
        env = {**os.environ, "EMU_SECRET": emu.corp.secret, "PYTHONUNBUFFERED": "1"}
        child = subprocess.Popen([sys.executable, "-c", CHILD, "--workspace", str(paths[0]),
                                  "sync", "--full", "--no-push"], env=env,
                                 stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        seen = ""
        assert child.stderr is not None
        while not (done := re.findall(r"\[3/5\] \S+ ([\d,]+) ", seen)) or \
                int(done[-1].replace(",", "")) < 300:
            chunk = child.stderr.read1(256)  # type: ignore[attr-defined]
            assert chunk, seen
            seen += chunk.decode(errors="replace")
        child.kill()  # mid-members: a few hundred contacts in
        child.wait()
        with Workspace.open(paths[0]) as ws:
            partial = ws.reader().execute("SELECT count(*) FROM members").fetchone()[0]
        assert 0 < partial < len(emu.corp.members)
        assert cli.main(["--workspace", str(paths[0]), "sync", "--full", "--no-push"]) == 0
        assert cli.main(["--workspace", str(paths[1]), "sync", "--full", "--no-push"]) == 0
        snaps = []
        for path in paths:
            with Workspace.open(path) as ws:
                snaps.append(snapshot(ws))
                runs = [r[0] for r in ws.reader().execute("SELECT status FROM sync_runs")]
        assert snaps[0] == snaps[1]
        assert runs == ["done"]
