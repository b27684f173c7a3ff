"""One ``mark_tag`` call per relationship: a relationship's tag changes go together, WeCom
refusing one tag does not fail the others, an interrupted batch is reconciled without applying
anything twice."""

from __future__ import annotations

from typing import Any

import pytest

from siyu_desktop.services import outbox as outbox_service
from siyu_desktop.services.outbox import OutboxService
from siyu_desktop.store import outbox as store
from siyu_desktop.store import tags as tag_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.wecom.emulator import RunningEmulator

from .conftest_wecom import make_client, outbox_emu, synced_workspace  # noqa: F401

GET = "/cgi-bin/externalcontact/get"


def _member(ws: Workspace, emu: RunningEmulator, *, followers: int = 1,
            tagged: bool = False) -> tuple[int, Any]:
    member = next(m for m in emu.corp.members.values() if len(m.follows) == followers
                  and (not tagged or all(f.tag_ids for f in m.follows)))
    mid = ws.reader().execute("SELECT id FROM members WHERE external_userid = ?",
                              (member.external_userid,)).fetchone()[0]
    return mid, member


def _new_tags(ws: Workspace, emu: RunningEmulator, member: Any, n: int) -> list[tuple[str, int]]:
    """``n`` WeCom tags (wecom id, local id) none of the member's relationships has."""
    c = ws.reader()
    out = []
    for tag in emu.corp.all_tags():
        if all(tag not in f.tag_ids for f in member.follows):
            out.append((tag, c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?",
                                       (tag,)).fetchone()[0]))
        if len(out) == n:
            return out
    raise AssertionError("not enough tags")


def _tag(ws: Workspace, tids: list[int], mids: list[int], add: bool = True) -> None:
    def run(ctx: Any) -> None:
        for tid in tids:
            (tag_store.add_tag if add else tag_store.remove_tag)(ctx, tid, mids)
        outbox_service.enqueue_tag_changes(ctx)
    ws.write(run)


async def push(ws: Workspace, emu: RunningEmulator, **kw: Any) -> outbox_service.PushReport:
    async with make_client(emu) as client:
        return await OutboxService(ws).push(client, **kw)


def _follow_tags(ws: Workspace, mid: int) -> set[tuple[int, int]]:
    return {(s, t) for s, t in ws.reader().execute(
        "SELECT staff_id, tag_id FROM follow_tags WHERE member_id = ?", (mid,))}


async def test_three_tags_on_one_relationship_are_one_call(
        synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 3)
    _tag(synced, [tid for _w, tid in tags[:2]], [mid])  # two operator actions, three items
    _tag(synced, [tags[2][1]], [mid])
    c = synced.reader()
    assert store.counts(c)["pending"] == 3
    seen: list[tuple[int, int]] = []
    report = await push(synced, emu, progress=lambda p: seen.append((p.done, p.total)))
    assert report.sent == 3 and report.failed == 0, report
    calls = emu.corp.stats.mark_tag_calls
    assert len(calls) == 1
    assert sorted(calls[0]["add_tag"]) == sorted(w for w, _t in tags) and calls[0]["remove_tag"] == []
    assert all(w in member.follows[0].tag_ids for w, _t in tags)
    assert [i.status for i in store.items(c)] == ["sent"] * 3
    sid = c.execute("SELECT staff_id FROM follows WHERE member_id = ?", (mid,)).fetchone()[0]
    assert {(sid, t) for _w, t in tags} <= _follow_tags(synced, mid)
    assert seen[-1] == (3, 3)  # progress counts items
    # one "sent" write, audited like before
    assert c.execute("SELECT count(*) FROM audit_batches WHERE action = 'outbox_sent'"
                     ).fetchone()[0] == 1


async def test_adds_and_removes_on_one_relationship_are_one_call(
        synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu, tagged=True)
    c = synced.reader()
    old = member.follows[0].tag_ids[0]
    old_tid = c.execute("SELECT id FROM tags WHERE wecom_tag_id = ?", (old,)).fetchone()[0]
    tags = _new_tags(synced, emu, member, 2)
    _tag(synced, [tid for _w, tid in tags], [mid])
    _tag(synced, [old_tid], [mid], add=False)
    assert store.counts(c)["pending"] == 3
    report = await push(synced, emu)
    assert report.sent == 3, report
    calls = emu.corp.stats.mark_tag_calls
    assert len(calls) == 1
    assert sorted(calls[0]["add_tag"]) == sorted(w for w, _t in tags)
    assert calls[0]["remove_tag"] == [old]
    assert old not in member.follows[0].tag_ids
    assert old_tid not in {t for _s, t in _follow_tags(synced, mid)}
    assert c.execute("SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?",
                     (mid, old_tid)).fetchone() is None


async def test_two_relationships_are_two_calls(synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu, followers=2)
    tags = _new_tags(synced, emu, member, 2)
    _tag(synced, [tid for _w, tid in tags], [mid])
    assert store.counts(synced.reader())["pending"] == 4
    report = await push(synced, emu)
    assert report.sent == 4, report
    calls = emu.corp.stats.mark_tag_calls
    assert len(calls) == 2
    assert {c["userid"] for c in calls} == {f.userid for f in member.follows}
    assert all(sorted(c["add_tag"]) == sorted(w for w, _t in tags) for c in calls)


async def test_a_tag_wecom_refuses_fails_alone(synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 3)
    _tag(synced, [tid for _w, tid in tags], [mid])
    gone = tags[1][0]
    with emu.corp.lock:  # deleted in WeCom's admin console since the last sync
        for g in emu.corp.tag_groups:
            g.tags = [t for t in g.tags if t.id != gone]
    report = await push(synced, emu)
    assert report.sent == 2 and report.failed == 1, report
    c = synced.reader()
    by_tag = {i.tag_id: i for i in store.items(c)}
    bad = by_tag[tags[1][1]]
    assert bad.status == "failed" and "40068" in bad.last_error and "标签" in bad.last_error
    assert by_tag[tags[0][1]].status == by_tag[tags[2][1]].status == "sent"
    assert tags[0][0] in member.follows[0].tag_ids and tags[2][0] in member.follows[0].tag_ids
    applied = emu.corp.stats.mark_tag_calls  # the refused combined call applied nothing
    assert sorted(w for call in applied for w in call["add_tag"]) == sorted(
        [tags[0][0], tags[2][0]])


async def test_an_interrupted_batch_is_reconciled_once(
        synced: Workspace, emu: RunningEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 3)
    _tag(synced, [tid for _w, tid in tags], [mid])
    real = store.mark_sent

    def crash(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("killed after WeCom applied the call")
    monkeypatch.setattr(store, "mark_sent", crash)
    with pytest.raises(SystemExit):
        await push(synced, emu)
    monkeypatch.setattr(store, "mark_sent", real)
    assert len(emu.corp.stats.mark_tag_calls) == 1
    path = synced.path
    synced.close()  # "restart"
    with Workspace.open(path) as ws:
        assert [i.status for i in store.items(ws.reader())] == ["sending"] * 3
        gets = emu.corp.stats.calls[GET]
        report = await push(ws, emu)
        assert report.reconciled == 3 and report.sent == 0, report
        assert len(emu.corp.stats.mark_tag_calls) == 1  # nothing applied twice
        assert emu.corp.stats.calls[GET] == gets + 1  # one look-up for the relationship
        c = ws.reader()
        assert [i.status for i in store.items(c)] == ["sent"] * 3
        assert {t for _s, t in _follow_tags(ws, mid)} >= {t for _w, t in tags}
        assert c.execute("SELECT count(*) FROM audit a JOIN audit_batches b ON b.id = a.batch_id "
                         "WHERE b.action = 'outbox_sent' AND a.tbl = 'follow_tags'"
                         ).fetchone()[0] == 3  # each relationship tag written once
        # The other way round: marked sending, the call never left; checked, then one call.
        mid2, member2 = _other(ws, emu, mid)
        tags2 = _new_tags(ws, emu, member2, 2)
        _tag(ws, [tid for _w, tid in tags2], [mid2])
        ws.write(lambda ctx: ctx.conn.execute("UPDATE outbox SET status = 'sending' WHERE "
                                              "status = 'pending'"))
        report = await push(ws, emu)
        assert report.sent == 2 and report.reconciled == 0, report
        assert len(emu.corp.stats.mark_tag_calls) == 2
        assert all(w in member2.follows[0].tag_ids for w, _t in tags2)


def _other(ws: Workspace, emu: RunningEmulator, not_mid: int) -> tuple[int, Any]:
    c = ws.reader()
    for member in emu.corp.members.values():
        if len(member.follows) != 1:
            continue
        mid = c.execute("SELECT id FROM members WHERE external_userid = ?",
                        (member.external_userid,)).fetchone()[0]
        if mid != not_mid:
            return mid, member
    raise AssertionError("no other member")


async def test_a_tag_added_then_removed_is_split_so_the_later_wins(
        synced: Workspace, emu: RunningEmulator) -> None:
    """Two waiting items for one tag in opposite directions (e.g. a retried failure next to a
    newer change) never share a call: they go in queue order."""
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 2)
    _tag(synced, [tid for _w, tid in tags], [mid])
    c = synced.reader()
    first = store.items(c, ("pending",))[0]

    def opposite(ctx: Any) -> None:
        p = {**first.payload, "add": False}
        store.enqueue(ctx, store.MARK_TAG, "test-remove", p, member_id=first.member_id,
                      staff_id=first.staff_id, tag_id=first.tag_id)
    synced.write(opposite)
    report = await push(synced, emu)
    assert report.sent == 3, report
    calls = emu.corp.stats.mark_tag_calls
    assert len(calls) == 2
    assert calls[1]["remove_tag"] == [tags[0][0]]
    assert tags[0][0] not in member.follows[0].tag_ids and tags[1][0] in member.follows[0].tag_ids
    assert (tags[0][1]) not in {t for _s, t in _follow_tags(synced, mid)}


async def test_a_lost_relationship_fails_the_whole_batch_in_one_call(
        synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 2)
    _tag(synced, [tid for _w, tid in tags], [mid])
    with emu.corp.lock:  # the customer deleted the staff member in the meantime
        member.follows.pop()
    report = await push(synced, emu)
    assert report.failed == 2 and report.sent == 0, report
    assert emu.corp.stats.errors["/cgi-bin/externalcontact/mark_tag 84061"] == 1  # no per-item retries
    assert all("84061" in i.last_error and i.status == "failed"
               for i in store.items(synced.reader()))


async def test_offline_puts_the_whole_batch_back(synced: Workspace, emu: RunningEmulator) -> None:
    mid, member = _member(synced, emu)
    tags = _new_tags(synced, emu, member, 2)
    _tag(synced, [tid for _w, tid in tags], [mid])
    emu.server.shutdown()
    emu.server.server_close()
    report = await push(synced, emu)
    assert report.offline and report.sent == 0 and report.waiting == 2, report
    assert all(i.status == "pending" and "网络" in i.last_error
               for i in store.items(synced.reader()))
