"""Transient errors put an outbox item back to waiting with a next-try time (back-off per item),
counted as waiting, not failed, and sent once that time has come; 48002 on a tag another app made
is a read-only tag (marked so here, WeCom's name back), not "no customer-contact permission"."""

from __future__ import annotations

from typing import Any

import pytest

from siyu_desktop.services import outbox as outbox_service
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import outbox as store
from siyu_desktop.store import tags as tag_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator, contact_routes
from siyu_desktop.wecom.emulator.api import ApiFail

from .conftest_wecom import make_client, outbox_emu, synced_workspace  # noqa: F401

MARK_TAG_PATH = "/cgi-bin/externalcontact/mark_tag"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def _tag_one(ws: Workspace, emu: RunningEmulator) -> tuple[Any, str]:
    """Queue one ``mark_tag``: a member with one relationship gets a WeCom tag it lacks."""
    corp = emu.corp
    member = next(m for m in corp.members.values() if len(m.follows) == 1)
    tag = next(t for t in corp.all_tags() if t not in member.follows[0].tag_ids)
    c = ws.reader()
    mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                    (member.external_userid,)).fetchone()[0]
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (tag,)).fetchone()[0]

    def run(ctx: Any) -> None:
        tag_store.add_tag(ctx, tid, [mid])
        outbox_service.enqueue_tag_changes(ctx)
    ws.write(run)
    return member, tag


async def _push(service: OutboxService, emu: RunningEmulator) -> outbox_service.PushReport:
    async with make_client(emu) as client:
        return await service.push(client)


async def test_busy_waits_with_back_off_and_is_sent_when_its_time_comes(
        synced: Workspace, emu: RunningEmulator) -> None:
    member, tag = _tag_one(synced, emu)
    clock = Clock()
    service = OutboxService(synced, clock=clock)
    emu.corp.set_faults(busy_next=100, only_path=MARK_TAG_PATH)  # outlasts the client's retries
    report = await _push(service, emu)
    assert (report.sent, report.failed, report.waiting, report.deferred) == (0, 0, 1, 1)
    assert not report.offline
    [item] = store.items(synced.reader(), ("pending", "sending", "failed"))
    assert item.status == "pending" and "繁忙" in item.last_error
    assert item.next_try_at == int(clock.now) + 60 and item.retries == 1
    assert report.next_try_at == item.next_try_at

    # Before its time: skipped without a call, still counted as waiting (not failed, not sent).
    emu.corp.reset_faults()
    calls = emu.corp.stats.calls[MARK_TAG_PATH]
    clock.now += 30
    report = await _push(service, emu)
    assert (report.sent, report.failed, report.waiting, report.deferred) == (0, 0, 1, 1)
    assert emu.corp.stats.calls[MARK_TAG_PATH] == calls

    # Busy again after its time: the next wait doubles.
    emu.corp.set_faults(busy_next=100, only_path=MARK_TAG_PATH)
    clock.now += 31
    report = await _push(service, emu)
    assert report.deferred == 1 and report.failed == 0
    item = store.get(synced.reader(), item.id)  # type: ignore[assignment]
    assert item.next_try_at == int(clock.now) + 120 and item.retries == 2

    # WeCom answers again and the time has come: sent once, back-off cleared.
    emu.corp.reset_faults()
    clock.now += 121
    report = await _push(service, emu)
    assert (report.sent, report.failed, report.waiting, report.deferred) == (1, 0, 0, 0)
    item = store.get(synced.reader(), item.id)  # type: ignore[assignment]
    assert item.status == "sent" and item.next_try_at is None and item.retries == 0
    assert tag in member.follows[0].tag_ids


async def test_rate_limits_back_off_and_retry_sends_at_the_next_push(
        synced: Workspace, emu: RunningEmulator) -> None:
    _tag_one(synced, emu)
    clock = Clock()
    service = OutboxService(synced, clock=clock)
    emu.corp.set_faults(rate_limited_next=100, only_path=MARK_TAG_PATH)
    report = await _push(service, emu)
    assert report.deferred == 1 and report.failed == 0
    [item] = store.items(synced.reader(), ("pending",))
    assert item.next_try_at is not None and item.next_try_at > clock.now
    emu.corp.reset_faults()
    await service.retry(item.id)  # "重试" on a waiting item: at the next push, not in an hour
    assert store.get(synced.reader(), item.id).next_try_at is None  # type: ignore[union-attr]
    assert (await _push(service, emu)).sent == 1


def test_back_off_doubles_up_to_an_hour() -> None:
    assert [outbox_service.backoff_s(n) for n in range(8)] == \
        [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert outbox_service.backoff_s(500) == 3600


async def test_48002_on_another_apps_tag_is_read_only_and_wecom_keeps_its_name(
        synced: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    # A tag believed ours (source 'app') that another app made: WeCom answers 48002 to the edit
    # while the tag library itself still reads fine.
    group = next(g for g in emu.corp.tag_groups if g.admin_made)
    wecom_tag = group.tags[0]
    old_name = wecom_tag.name
    c = synced.reader()
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (wecom_tag.id,)).fetchone()[0]
    synced.write(lambda ctx: ctx.conn.execute("UPDATE tags SET source = 'app' WHERE id = ?",
                                              (tid,)))

    def refuse(group: Any, tag: Any) -> None:
        if tag.admin_made if tag is not None else group.admin_made:
            raise ApiFail(48002, "api forbidden")
    monkeypatch.setattr(contact_routes, "_writable", refuse)
    await WorkspaceService(synced).rename_tag(tid, "改个名字")
    assert c.execute("SELECT name FROM tags WHERE id = ?", (tid,)).fetchone()[0] == "改个名字"
    report = await _push(OutboxService(synced), emu)
    assert report.failed == 1 and report.deferred == 0
    assert report.errors == [outbox_service.READ_ONLY_TEXT]
    [item] = store.items(c, ("failed",))
    assert item.last_error == outbox_service.READ_ONLY_TEXT
    assert wecom_tag.name == old_name
    name, source = c.execute("SELECT name, source FROM tags WHERE id = ?", (tid,)).fetchone()
    assert (name, source) == (old_name, "admin")


async def test_48002_without_customer_contact_access_stays_that_explanation(
        synced: Workspace, emu: RunningEmulator) -> None:
    group = next(g for g in emu.corp.tag_groups if g.admin_made)
    c = synced.reader()
    tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?",
                    (group.tags[0].id,)).fetchone()[0]
    synced.write(lambda ctx: ctx.conn.execute("UPDATE tags SET source = 'app' WHERE id = ?",
                                              (tid,)))
    await WorkspaceService(synced).rename_tag(tid, "改个名字")
    emu.corp.set_faults(api_forbidden=True)  # every customer-contact call: the app's access
    report = await _push(OutboxService(synced), emu)
    assert report.failed == 1
    [item] = store.items(c, ("failed",))
    assert "48002" in item.last_error and item.last_error != outbox_service.READ_ONLY_TEXT
    name, source = c.execute("SELECT name, source FROM tags WHERE id = ?", (tid,)).fetchone()
    assert (name, source) == ("改个名字", "app")
