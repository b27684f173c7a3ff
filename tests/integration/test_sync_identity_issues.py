"""A sync over loopback against the emulator meets WeCom customers whose identity is not clear:
one whose unionid is member 甲's while its phone is member 乙's (conflict), one whose phone two
members share (ambiguous). Neither is merged into anybody; the run counts them, the service lists
them with names, identifiers and the reason, and ``siyu sync`` says so."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from siyu_desktop import cli
from siyu_desktop.services.identity_issues import IdentityIssueRecord, PointedMember, Pointer
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store import members
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, running_emulator
from siyu_desktop.wecom.emulator.corp import Member

from .conftest_wecom import make_client

CONFLICT_PHONE = "13900000001"
SHARED_PHONE = "13900000002"


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=31, members=60, groups=3, staff=4, latency_ms=0) as running:
        yield running


def unclear_customers(emu: RunningEmulator) -> tuple[Member, Member]:
    """Two customers of the corp: one with a unionid (its phone set to ``CONFLICT_PHONE``),
    one without (its phone set to ``SHARED_PHONE``); every other customer's phones cleared."""
    corp = emu.corp
    with corp.lock:
        people = sorted(corp.members.values(), key=lambda m: m.external_userid)
        conflict = next(m for m in people if m.type == 1 and m.unionid)
        shared = next(m for m in people if m.type == 1 and not m.unionid)
        for m in people:
            for f in m.follows:
                f.remark_mobiles = []
        # on every relationship: the sync reads a customer's phones from the first one it meets
        for f in conflict.follows:
            f.remark_mobiles = [CONFLICT_PHONE]
        for f in shared.follows:
            f.remark_mobiles = [SHARED_PHONE]
    return conflict, shared


def workspace_people(ws: Workspace, conflict: Member) -> dict[str, int]:
    """甲 has the conflicting customer's unionid, 乙 its phone; 丙 and 丁 share a phone."""
    return {name: ws.write(members.create, values) for name, values in (
        ("甲", {"name": "甲", "unionid": conflict.unionid}),
        ("乙", {"name": "乙", "phone": CONFLICT_PHONE}),
        ("丙", {"name": "丙", "phone": SHARED_PHONE}),
        ("丁", {"name": "丁", "phone": SHARED_PHONE}))}


async def sync(ws: Workspace, emu: RunningEmulator, mode: str) -> Any:
    async with make_client(emu) as client:
        return await SyncService(ws).run(client, mode)  # type: ignore[arg-type]


def member_of(ws: Workspace, ext: str) -> int:
    return int(ws.reader().execute("SELECT id FROM members WHERE external_userid = ?",
                                   (ext,)).fetchone()[0])


async def test_a_sync_counts_lists_and_does_not_merge_unclear_customers(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws = empty_workspace
    conflict, shared = unclear_customers(emu)
    people = workspace_people(ws, conflict)
    report = await sync(ws, emu, "full")

    assert report.counts["identity_issues"] == 2
    c = ws.reader()
    # nobody was merged into the workspace's own members: each customer has a member of its own
    for mid in people.values():
        assert c.execute("SELECT external_userid FROM members WHERE id = ?",
                         (mid,)).fetchone()[0] is None
    assert c.execute("SELECT count(*) FROM members").fetchone()[0] == len(emu.corp.members) + 4
    kept_conflict, kept_shared = member_of(ws, conflict.external_userid), member_of(
        ws, shared.external_userid)
    assert not {kept_conflict, kept_shared} & set(people.values())

    listed = {r.external_userid: r for r in await SyncService(ws).identity_issues()}
    assert set(listed) == {conflict.external_userid, shared.external_userid}
    a, b, d, e = people["甲"], people["乙"], people["丙"], people["丁"]
    got = listed[conflict.external_userid]
    assert isinstance(got, IdentityIssueRecord)
    assert (got.name, got.member_id, got.kind) == (conflict.name, kept_conflict, "conflict")
    assert got.pointing == (
        Pointer("unionid", conflict.unionid, (PointedMember(a, "甲", ""),)),
        Pointer("phone", CONFLICT_PHONE, (PointedMember(b, "乙", CONFLICT_PHONE),)))
    assert got.reason == (f"unionid「{conflict.unionid}」对应客户 #{a} 甲，"
                          f"手机号「{CONFLICT_PHONE}」对应客户 #{b} 乙，指向不同的客户，"
                          f"无法确定是哪一位，已单独建档（#{kept_conflict}）")
    got = listed[shared.external_userid]
    assert (got.name, got.member_id, got.kind) == (shared.name, kept_shared, "ambiguous")
    assert got.pointing == (Pointer("phone", SHARED_PHONE, (
        PointedMember(d, "丙", SHARED_PHONE), PointedMember(e, "丁", SHARED_PHONE))),)
    assert got.reason == (f"手机号「{SHARED_PHONE}」对应 2 位已有客户（#{d} 丙、#{e} 丁），"
                          f"无法确定是哪一位，已单独建档（#{kept_shared}）")

    # The next sync finds both by external_userid: nothing new counted, the list stays.
    again = await sync(ws, emu, "full")
    assert again.counts.get("identity_issues", 0) == 0
    assert len(await SyncService(ws).identity_issues()) == 2
    everything = await SyncService(ws).identity_issues()
    assert await SyncService(ws).identity_issues(after=everything) == []
    assert await SyncService(ws).identity_issues(after=everything, at_least=1) == everything[:1]


def test_cli_sync_says_how_many_and_which(empty_workspace: Workspace, emu: RunningEmulator,
                                          monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    conflict, shared = unclear_customers(emu)
    people = workspace_people(empty_workspace, conflict)
    path = str(empty_workspace.path)
    empty_workspace.close()
    monkeypatch.setenv("SIYU_WECOM_SECRET", emu.corp.secret)
    base = ["--workspace", path]
    assert cli.main([*base, "connect", "--corp-id", emu.corp.corp_id, "--base-url",
                     emu.base_url]) == 0
    capsys.readouterr()
    assert cli.main([*base, "sync", "--full"]) == 0
    err = capsys.readouterr().err
    assert ("提示: 2 位客户的身份无法确定（手机号或 unionid 指向不同的客户），已单独建档，没有合并；"
            "明细如下，请在客户列表里按客户编号核对：") in err
    assert f"{conflict.name}（{conflict.external_userid}）：unionid「{conflict.unionid}」" \
           f"对应客户 #{people['甲']} 甲" in err
    assert f"{shared.name}（{shared.external_userid}）：手机号「{SHARED_PHONE}」对应 2 位已有客户" in err
    # a second sync has nothing new to say
    assert cli.main([*base, "sync", "--full"]) == 0
    assert "身份无法确定" not in capsys.readouterr().err
