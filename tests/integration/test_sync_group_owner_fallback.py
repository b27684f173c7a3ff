"""81017 from ``groupchat/list`` without an owner filter: the sync lists the groups by owner
itself (at most 100 owners per request) and ends with every group, field by field."""

from __future__ import annotations

from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import running_emulator

from .test_sync import expected, full, snapshot

LIST = "/cgi-bin/externalcontact/groupchat/list"


async def test_a_full_sync_lists_groups_by_owner_after_81017(empty_workspace: Workspace) -> None:
    with running_emulator(seed=9, members=200, groups=25, staff=230, latency_ms=0) as emu:
        corp = emu.corp
        corp.set_faults(groupchat_list_needs_owner=True, groupchat_list_max_groups=10)
        report = await full(empty_workspace, emu)
        assert not report.failures, report.failures
        got, want = snapshot(empty_workspace), expected(corp)
        assert got["groups"] == sorted(
            (g.chat_id, g.name, g.notice, g.status, len(g.roster), g.member_version)
            for g in corp.groups.values())
        assert got["roster"] == want["roster"]
        assert report.counts["groups"] == len(corp.groups)
        assert corp.stats.errors[f"{LIST} 81017"] == 1
        # 230 staff: three owner batches (100, 100, 30) after the refused unfiltered call
        assert corp.stats.calls[LIST] >= 4
