"""The sync's phases against the emulator over loopback: cursors that expire on the way, a phase
WeCom refuses while the others save what they read, a resumed run counted whole, and what
``siyu sync`` says (not a traceback) when WeCom refuses a request or its reader goes away."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from siyu_desktop import cli
from siyu_desktop.services.connection import ConnectionConfig, ConnectionService
from siyu_desktop.services.sync import SyncService
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom import groups as wecom_groups
from siyu_desktop.wecom.emulator import RunningEmulator, api, contact_routes, running_emulator

from .conftest_wecom import make_client
from .test_sync import CHILD, expected, snapshot

BATCH = "/cgi-bin/externalcontact/batch/get_by_user"
CURSOR_EXPIRED = 50100  # WeCom's global error list: 分页查询的游标无效
GET = "/cgi-bin/externalcontact/groupchat/get"
STATS = "/cgi-bin/externalcontact/groupchat/statistic_group_by_day"


@pytest.fixture
def emu() -> Iterator[RunningEmulator]:
    with running_emulator(seed=5, members=150, groups=10, staff=5, latency_ms=0) as running:
        yield running


def expire_cursors(emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch,
                   times: int | None) -> Callable[[], int]:
    """Cursors of ``batch/get_by_user`` answer WeCom's cursor error (50100) ``times`` times
    (None: every time, as when they live shorter than a page takes: the emulator's own
    ``cursor_max_uses`` fault where it has one). Returns how many were refused so far."""
    if times is None and "cursor_max_uses" in emu.corp.faults.as_dict():
        emu.corp.set_faults(cursor_max_uses=0, only_path=BATCH)
        return lambda: emu.corp.stats.injected[f"cursor_expired {BATCH}"]
    left = {"n": -1 if times is None else times, "refused": 0}
    check = api.page_offset  # what contact_routes imported

    def page_offset(req: Any) -> int:  # wraps the emulator's cursor check, in this test only
        if req.body.get("cursor") and left["n"] != 0:
            left["n"] -= 1
            left["refused"] += 1
            raise api.ApiFail(CURSOR_EXPIRED, "invalid cursor, cursor expired")
        return check(req)
    monkeypatch.setattr(contact_routes, "page_offset", page_offset)
    return lambda: left["refused"]


async def sync(ws: Workspace, emu: RunningEmulator, mode: str = "full", **kw: Any) -> Any:
    async with make_client(emu) as client:
        # A bound: on a sync that loops this fails instead of hanging the suite.
        return await asyncio.wait_for(SyncService(ws, **kw).run(client, mode), 60)  # type: ignore[arg-type]


def assert_members_and_groups_match(ws: Workspace, corp: Any) -> None:
    got, want = snapshot(ws), expected(corp)
    assert [m[:4] for m in got["members"]] == want["members"]
    for key in ("follows", "follow_tags", "member_tags", "roster"):
        assert got[key] == want[key], key
    assert sorted(g[0] for g in got["groups"]) == sorted(corp.groups)


async def test_an_expired_cursor_restarts_its_staff_chunk_once(
        empty_workspace: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = expire_cursors(emu, monkeypatch, times=1)
    report = await sync(empty_workspace, emu)
    assert refused() == 1 and not report.failures
    assert_members_and_groups_match(empty_workspace, emu.corp)
    follows = sum(len(m.follows) for m in emu.corp.members.values())
    assert report.counts["contacts"] == follows  # the restarted chunk's rows counted once


async def test_cursors_that_keep_expiring_end_the_members_phase_with_a_message(
        empty_workspace: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's code starts the chunk over for ever; now: one restart, then the members phase
    fails with its reason while groups and statistics are saved."""
    refused = expire_cursors(emu, monkeypatch, times=None)
    report = await sync(empty_workspace, emu)
    assert refused() == 2  # the first expiry, and the one after the single restart
    assert list(report.failures) == ["members"]
    assert "游标" in report.failures["members"] and "客户" in report.failures["members"]
    c = empty_workspace.reader()
    got = snapshot(empty_workspace)
    assert sorted(g[0] for g in got["groups"]) == sorted(emu.corp.groups)
    assert got["stats"][0] >= 5 * 179
    status, error = c.execute("SELECT status, error FROM sync_runs ORDER BY id DESC").fetchone()
    assert status == "failed" and error.startswith("客户：")
    # Cursors healthy again: the next sync resumes the members phase only, and ends exact.
    monkeypatch.undo()
    emu.corp.reset_faults()
    gets = emu.corp.stats.calls[GET]
    again = await sync(empty_workspace, emu)
    assert again.resumed and not again.failures
    assert emu.corp.stats.calls[GET] == gets
    assert_members_and_groups_match(empty_workspace, emu.corp)


async def test_a_refused_statistics_phase_keeps_members_and_groups(
        empty_workspace: Workspace, emu: RunningEmulator) -> None:
    ws, corp = empty_workspace, emu.corp
    # Ahead of WeCom's calendar: the days asked for reach today, and WeCom answers 600018.
    ahead = wecom_groups.beijing_today() + timedelta(days=3)
    report = await sync(ws, emu, today=lambda: ahead)
    assert list(report.failures) == ["stats"]
    assert corp.stats.errors[f"{STATS} 600018"] >= 1
    assert_members_and_groups_match(ws, corp)
    assert snapshot(ws)["stats"][0] == 0
    c = ws.reader()
    status, error = c.execute("SELECT status, error FROM sync_runs ORDER BY id DESC").fetchone()
    assert status == "failed" and error.startswith("群统计：")
    first = dict(report.counts)
    assert first["staff"] == 5 and first["groups_read"] == len(corp.groups)

    # The next sync resumes just the statistics; its summary counts the whole sync.
    batch, gets = corp.stats.calls[BATCH], corp.stats.calls[GET]
    again = await sync(ws, emu)
    assert again.resumed and not again.failures
    assert corp.stats.calls[BATCH] == batch and corp.stats.calls[GET] == gets
    assert snapshot(ws)["stats"][0] >= 5 * 179
    assert again.counts["staff"] == 5  # not 0: the staff were read by the first attempt
    assert again.counts["contacts"] == first["contacts"]
    assert again.counts["groups_read"] == len(corp.groups)
    assert again.counts["stat_days"] >= 5 * 179
    status, error = c.execute("SELECT status, error FROM sync_runs ORDER BY id DESC").fetchone()
    assert (status, error) == ("done", "")
    assert_members_and_groups_match(ws, corp)


def connected(path: Any, emu: RunningEmulator) -> Any:
    with Workspace.open(path) as ws:
        ConnectionService(ws).save(ConnectionConfig(emu.corp.corp_id, emu.base_url),
                                   emu.corp.secret)
    return path


def test_a_malformed_request_answer_is_a_message_not_a_traceback(
        tmp_path: Any, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = connected(tmp_path / "ws.db", emu)
    follow_users = "/cgi-bin/externalcontact/get_follow_user_list"
    method, _ = api.ROUTES[follow_users]

    def refuse(req: Any) -> Any:
        raise api.ApiFail(40058, "invalid parameter")
    monkeypatch.setitem(api.ROUTES, follow_users, (method, refuse))
    assert cli.main(["--workspace", str(path), "sync", "--full", "--no-push"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "错误码 40058" in err and "建议:" in err


def test_sync_into_a_closed_pipe_ends_quietly(tmp_path: Any, emu: RunningEmulator) -> None:
    """``siyu sync | head -1``: the reader is gone before the summary is printed."""
    path = connected(tmp_path / "ws.db", emu)
    env = {**os.environ, "EMU_SECRET": emu.corp.secret}
    read, write = os.pipe()
    os.close(read)  # like head, which has exited
    try:
        child = subprocess.run([sys.executable, "-c", CHILD, "--workspace", str(path), "sync",
                                "--full", "--no-push"], env=env, stdout=write,
                               stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    err = child.stderr.decode(errors="replace")
    assert "BrokenPipeError" not in err and "Traceback" not in err, err
    assert child.returncode == 0
    with Workspace.open(path) as ws:
        assert ws.reader().execute("SELECT count(*) FROM members").fetchone()[0] == len(
            emu.corp.members)
