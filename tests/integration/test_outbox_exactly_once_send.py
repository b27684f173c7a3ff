"""A mass send planned twice is one item, and reaches WeCom as exactly one task even when the
pushing process dies between "created in WeCom" and "recorded", or WeCom's answer is lost."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from typing import Any

from siyu_desktop.domain.outbox import schedule_key
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.store import outbox as store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator

from .conftest_wecom import make_client, outbox_emu, synced_workspace  # noqa: F401

CHILD = Path(__file__).with_name("outbox_push_child.py")
OCCURRENCE = schedule_key(1, "2026-12-03T09:00:00+08:00", 0)
ADD = "/cgi-bin/externalcontact/add_msg_template"


def _plan(ws: Workspace, emu: RunningEmulator) -> int:
    """The same occurrence planned twice: one item."""
    group = next(iter(emu.corp.groups.values()))
    staff_id = ws.reader().execute("SELECT id FROM staff WHERE userid = ?",
                                   (group.owner,)).fetchone()[0]

    def plan(ctx: Any) -> int | None:
        return store.enqueue_group_msg(ctx, OCCURRENCE, staff_id, [group.chat_id], "本周六会员日")
    first = ws.write(plan)
    assert first is not None and ws.write(plan) is None
    assert [i.id for i in store.items(ws.reader())] == [first]
    return first


def _child(ws_path: Path, emu: RunningEmulator, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHILD), str(ws_path), emu.base_url,
                           emu.corp.corp_id, emu.corp.secret, *flags],
                          capture_output=True, text=True, timeout=60)


async def test_killed_between_created_and_recorded_is_one_task(
        synced: Workspace, emu: RunningEmulator) -> None:
    item_id = _plan(synced, emu)
    path = synced.path
    synced.close()
    killed = _child(path, emu, "--die-before-record")
    assert killed.returncode == 17, killed.stderr
    assert len(emu.corp.mass_tasks) == 1  # created in WeCom ...
    with Workspace.open(path) as ws:
        assert store.get(ws.reader(), item_id).status == "sending"  # ... not recorded
    again = _child(path, emu)
    assert again.returncode == 0, again.stderr
    assert len(emu.corp.mass_tasks) == 1  # checked, found, not sent again
    msgid = next(iter(emu.corp.mass_tasks))
    with Workspace.open(path) as ws:
        item = store.get(ws.reader(), item_id)
        assert item.status == "waiting_confirm" and item.remote_id == msgid
        # the staff member confirms; the next push reads the receipts
        with emu.corp.lock:
            task = emu.corp.mass_tasks[msgid]
            task.confirm_at = dict.fromkeys(task.confirm_at, 0.0)
        async with make_client(emu) as client:
            report = await OutboxService(ws).push(client)
        assert report.sent == 1
        item = store.get(ws.reader(), item_id)
        assert item.status == "sent"
        results = store.targets(ws.reader(), item_id)
        assert [(r.target_id, r.status) for r in results] == [(t, "sent") for t in
                                                               task.targets[task_owner(task)]]
    assert len(emu.corp.mass_tasks) == 1


def task_owner(task: Any) -> str:
    return next(iter(task.targets))


async def test_a_lost_answer_is_checked_not_sent_again(
        synced: Workspace, emu: RunningEmulator) -> None:
    item_id = _plan(synced, emu)
    emu.corp.faults.update({"drop_after_apply_rate": 1.0, "only_path": ADD})
    async with make_client(emu) as client:
        report = await OutboxService(synced).push(client)
    assert report.offline and report.sent == 0
    assert len(emu.corp.mass_tasks) == 1  # WeCom applied it, the answer never came
    assert store.get(synced.reader(), item_id).status == "sending"
    emu.corp.faults.update({"drop_after_apply_rate": 0.0, "only_path": None})
    async with make_client(emu) as client:
        report = await OutboxService(synced).push(client)
    assert report.reconciled == 1
    assert len(emu.corp.mass_tasks) == 1
    item = store.get(synced.reader(), item_id)
    assert item.status == "waiting_confirm" and item.remote_id == next(iter(emu.corp.mass_tasks))


async def test_no_answer_from_the_task_list_waits_instead_of_resending(
        synced: Workspace, emu: RunningEmulator) -> None:
    """Two identical tasks in the window: which one is ours cannot be told, so nothing is sent
    and the item is looked at again later."""
    item_id = _plan(synced, emu)
    emu.corp.faults.update({"drop_after_apply_rate": 1.0, "only_path": ADD})
    async with make_client(emu) as client:
        await OutboxService(synced).push(client)
        emu.corp.faults.update({"drop_after_apply_rate": 0.0, "only_path": None})
        task = next(iter(emu.corp.mass_tasks.values()))
        with emu.corp.lock:  # someone else's identical task, created the same second
            emu.corp.mass_tasks["msgTwin"] = dataclasses.replace(task, msgid="msgTwin")
        report = await OutboxService(synced).push(client)
    assert report.reconciled == 0 and report.sent == 0
    assert len(emu.corp.mass_tasks) == 2  # nothing new
    assert store.get(synced.reader(), item_id).status == "sending"
