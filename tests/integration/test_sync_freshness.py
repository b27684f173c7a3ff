"""Between two full syncs: an incremental sync re-reads the customers read longest ago, so edits
made in the WeCom client on existing customers (remark, description, tags) arrive within a
known number of runs; the screen's freshness figures come from the same read times; staff names
come from the staff directory, not from group rosters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop.services.sync import FULL_EVERY, SyncService
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator

from ..support.snapshots import emulator_snapshot as expected
from ..support.snapshots import wecom_snapshot as snapshot
from .conftest_wecom import make_client

GET = "/cgi-bin/externalcontact/get"


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=23, members=120, groups=4, staff=6, latency_ms=0) as running:
        yield running


async def sync(ws: Workspace, emu: RunningEmulator, mode: str, **kw: Any) -> Any:
    async with make_client(emu) as client:
        return await SyncService(ws, **kw).run(client, mode)  # type: ignore[arg-type]


def wecom_side_edits(emu: RunningEmulator) -> list[str]:
    """What an advisor does in the WeCom client on three existing customers: a new remark, a
    new description, a tag added on one relationship and one removed on another."""
    corp = emu.corp
    with corp.lock:
        members = sorted(corp.members.values(), key=lambda m: m.external_userid)
        a, b, c = members[5], members[40], next(m for m in members[60:] if any(
            f.tag_ids for f in m.follows))
        a.follows[0].remark = "老客户·已改备注"
        b.follows[0].description = "在企业微信里改的描述"
        spare = next(t for t in corp.all_tags() if t not in a.follows[0].tag_ids)
        a.follows[0].tag_ids.append(spare)
        tagged = next(f for f in c.follows if f.tag_ids)
        tagged.tag_ids.pop()
    return [a.external_userid, b.external_userid, c.external_userid]


async def test_incremental_syncs_pick_up_wecom_side_edits_within_the_budget(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    await sync(ws, emu, "full")
    wecom_side_edits(emu)
    assert snapshot(ws)["follows"] != expected(corp)["follows"]
    # 120 customers, 50 per run: every customer has been read again after three runs.
    calls: list[int] = []
    for _ in range(3):
        before = corp.stats.calls[GET]
        report = await sync(ws, emu, "incremental", refresh_customers=50)
        calls.append(corp.stats.calls[GET] - before)
        assert report.counts["members_refreshed"] == 50
    assert calls == [50, 50, 50]  # one externalcontact/get per customer, the budget exactly
    got, want = snapshot(ws), expected(corp)
    assert got["follows"] == want["follows"]
    assert got["follow_tags"] == want["follow_tags"]
    assert got["member_tags"] == want["member_tags"]
    # ... and an incremental sync with no budget reads no customer again.
    before = corp.stats.calls[GET]
    await sync(ws, emu, "incremental", refresh_customers=0)
    assert corp.stats.calls[GET] == before


async def test_the_budget_reads_the_customers_read_longest_ago_first(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws = empty_workspace
    await sync(ws, emu, "full")
    service = SyncService(ws, refresh_customers=30)
    fresh = await service.freshness()
    assert fresh.customers == len(emu.corp.members) and fresh.customers_oldest is not None
    full_at = fresh.customers_oldest
    await sync(ws, emu, "incremental", refresh_customers=30)
    c = ws.reader()
    refreshed = c.execute("SELECT count(*) FROM members WHERE wecom_synced_at > ?",
                          (full_at,)).fetchone()[0]
    assert refreshed == 30
    await sync(ws, emu, "incremental", refresh_customers=30)
    # the second run took 30 others: 60 read since the full sync, none twice
    assert c.execute("SELECT count(*) FROM members WHERE wecom_synced_at > ?",
                     (full_at,)).fetchone()[0] == 60
    fresh = await service.freshness()
    assert fresh.customers_oldest == full_at  # 60 of 120 still date from the full sync
    state = c.execute("SELECT finished_at FROM sync_state WHERE phase = 'run:full'").fetchone()
    assert fresh.next_full_at == state[0] + FULL_EVERY
    assert fresh.groups == len(emu.corp.groups) and fresh.groups_oldest is not None


async def test_staff_names_come_from_the_directory(empty_workspace: Workspace,
                                                   emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    with corp.lock:  # staff in no group roster: before, their userid was their name
        for g in corp.groups.values():
            g.roster = [e for e in g.roster if e.type != 1 or e.userid == g.owner]
    report = await sync(ws, emu, "full")
    names = dict(ws.reader().execute("SELECT userid, name FROM staff").fetchall())
    assert names == {s.userid: s.name for s in corp.staff}
    assert report.counts["staff_named"] >= 1
    # a later sync asks the directory only for names it does not have
    before = corp.stats.calls["/cgi-bin/user/get"]
    await sync(ws, emu, "incremental")
    assert corp.stats.calls["/cgi-bin/user/get"] == before


async def test_a_secret_without_directory_access_keeps_the_roster_names(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    corp.set_faults(directory_denied=True)
    report = await sync(ws, emu, "full")
    assert not report.failures  # the sync itself is fine
    assert report.counts["staff_names_denied"] == 1
    assert corp.stats.calls["/cgi-bin/user/get"] == 1  # asked once, not once per staff member
    got = snapshot(ws)
    assert got["follows"] == expected(corp)["follows"]
