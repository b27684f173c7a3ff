"""Pushing the outbox to WeCom, never applying a change twice.

Each item is marked ``sending`` (committed) before its call and ``sent`` after it. An item found
``sending`` when a push starts was interrupted between the two: WeCom may or may not have
applied it, so it is checked first — the customer's relationship tags or remark re-read with
``externalcontact/get``, a new, renamed or deleted tag looked up in the tag library — and only
re-sent when WeCom does not have it. Network failures put the item back to ``pending`` and stop the push (we are
offline; order is kept); WeCom refusing an item marks it ``failed`` with WeCom's reason in the
operator's words, to retry or discard.

Transient errors (WeCom busy after the client's own retries, 45009, 45033, the network) are not
failures: the item goes back to ``pending`` with a next-try time, doubling per item from
``BACKOFF_FIRST_S`` up to ``BACKOFF_MAX_S``, and a push leaves it waiting (counted in
``waiting`` and ``deferred``) until that time. ``failed`` is for what a retry cannot fix:
permissions, a read-only tag, invalid data. 48002 on a tag edit is WeCom refusing a tag another
app made when the app can still read the tag library: the tag becomes read-only here, and a
refused rename gives the tag WeCom's name back.

A relationship's tag changes (``mark_tag`` items of one member and staff member whose tags are in
WeCom) go in one ``mark_tag`` call with several ``add_tag``/``remove_tag`` ids: marked sending
together, sent together. A tag that changes direction within the queue starts another call; if
WeCom refuses a combined call, its items are sent one by one so each failure has its own reason.

Local edits enqueue items in the same transaction as the edit (``store.outbox``):
``enqueue_tag_changes(ctx)`` after any member tagging, ``enqueue_new_tag(ctx, tag_id)`` after
creating a tag inside a WeCom tag group, ``enqueue_remark`` via ``OutboxService.edit_remark``,
and the tag library's renames and deletions via ``store.outbox_tags`` (``WorkspaceService``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..domain import summaries
from ..errors import Cancelled, ValidationError
from ..store import outbox as store
from ..store.audit import WriteContext
from ..store.db import Workspace
from ..wecom import contacts
from ..wecom import tags as wecom_tags
from ..wecom.client import WeComClient
from ..wecom.errors import (
    ApiNotAuthorizedError,
    ConcurrencyLimitError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerBusyError,
    TrustedIpError,
    WeComRequestBug,
    WeComUserError,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
OUTBOX_ACTOR = "outbox"
BUG_TEXT = "企业微信拒绝了这个请求（程序问题，已记录日志）。可以放弃这一项，或联系开发团队。"
WAIT_IP_TEXT = ("企业微信拒绝了这台电脑的 IP（不在企业可信 IP 中），这一项在等待；"
                "连接恢复（换到中转服务器或固定出口）后会自动发送。")
READ_ONLY_TEXT = ("这个标签是在企业微信管理后台（或其他应用）创建的，本应用不能修改它。"
                  "请在企业微信管理后台 → 客户联系 → 客户标签中修改。")
READ_ONLY_GROUP_TEXT = ("这个标签组是在企业微信管理后台（或其他应用）创建的，本应用不能给它改名。"
                        "请在企业微信管理后台 → 客户联系 → 客户标签中修改；放弃这一项后，"
                        "下次同步会换回企业微信里的名称。")
READ_ONLY_DELETE_TEXT = ("要删除的标签里有在企业微信管理后台（或其他应用）创建的，本应用不能删除。"
                         "请在企业微信管理后台 → 客户联系 → 客户标签中删除；放弃这一项后，"
                         "下次同步会把它们恢复到本地。")

# Back-off of an item a transient error stopped: 1 min, 2, 4 ... at most 1 h.
BACKOFF_FIRST_S = 60
BACKOFF_MAX_S = 3600
TRANSIENT_ERRORS = (ServerBusyError, RateLimitedError, ConcurrencyLimitError)
# Kinds whose 48002 may mean "a tag another app made" rather than "no customer-contact access".
TAG_LIBRARY_KINDS = frozenset({"edit_corp_tag", "del_corp_tag"})


def backoff_s(retries: int) -> int:
    """Seconds to wait after the item's ``retries + 1``-th transient error in a row."""
    return int(min(BACKOFF_FIRST_S * 2 ** min(retries, 16), BACKOFF_MAX_S))


# mark_tag takes lists of tags; WeCom documents no per-call limit (only 3000 tags per customer),
# so this is our own cap to keep one refused call's fallback small.
MARK_TAG_BATCH = 100
# mark_tag errors about the staff member or the customer, not a tag: every item would get them.
RELATIONSHIP_ERRORS = frozenset({40003, 40096, 84061})

# Re-exported so WorkspaceService can hook local edits without reaching into the store.
enqueue_tag_changes = store.enqueue_tag_changes
enqueue_tag_change = store.enqueue_tag_change
enqueue_new_tag = store.enqueue_new_tag


@dataclass
class PushReport:
    sent: int = 0
    failed: int = 0
    reconciled: int = 0  # interrupted items WeCom already had: marked sent without a call
    waiting: int = 0  # items left pending (offline, or waiting for a tag to be created first)
    # Of ``waiting``: items left pending after a transient error, until their next-try time
    # (hit in this push, or skipped because the time has not come); ``next_try_at`` the soonest.
    deferred: int = 0
    next_try_at: int | None = None
    offline: bool = False
    errors: list[str] = field(default_factory=list)
    # Set when WeCom refused this computer's IP (60020): the push stopped at once, every item
    # still waits, and the next successful connection sends them. Said once, not per item.
    blocked: WeComUserError | None = None

    def stop(self, exc: WeComUserError) -> None:
        self.offline = True
        if self.blocked is None:
            self.blocked = exc
            self.errors.append(str(exc))

    def defer(self, count: int, next_try_at: int | None) -> None:
        self.waiting += count
        self.deferred += count
        if next_try_at is not None:
            self.next_try_at = (next_try_at if self.next_try_at is None
                                else min(self.next_try_at, next_try_at))


@dataclass(frozen=True)
class Target:
    """What an item's local ids mean in WeCom at push time."""

    userid: str = ""
    external_userid: str = ""
    wecom_tag_id: str = ""
    wecom_group_id: str = ""
    tag_name: str = ""
    problem: str = ""  # why the item cannot be sent at all
    wait: bool = False  # depends on another item (a tag not created in WeCom yet)


def _resolve(conn: Any, item: store.OutboxItem) -> Target:
    p = item.payload
    if item.kind == store.DEL_CORP_TAG:
        return Target()  # carries WeCom ids: the local rows are gone
    if item.kind == store.EDIT_CORP_TAG:
        return _resolve_rename(conn, p)
    if item.kind == store.ADD_CORP_TAG:
        row = conn.execute("SELECT t.name, t.wecom_tag_id, g.wecom_group_id FROM tags t JOIN "
                           "tag_groups g ON g.id = t.group_id WHERE t.id = ?",
                           (p["tag_id"],)).fetchone()
        if row is None or row[2] is None:
            return Target(problem="这个标签或它所在的标签组已被删除。")
        return Target(tag_name=row[0], wecom_tag_id=row[1] or "", wecom_group_id=row[2])
    row = conn.execute("SELECT s.userid, m.external_userid FROM follows f JOIN staff s ON "
                       "s.id = f.staff_id JOIN members m ON m.id = f.member_id WHERE "
                       "f.member_id = ? AND f.staff_id = ?", (p["member_id"], p["staff_id"])).fetchone()
    if row is None or not row[1]:
        return Target(problem="这位客户和该员工之间已经没有好友关系。")
    if item.kind == store.MARK_TAG:
        tag = conn.execute("SELECT wecom_tag_id FROM tags WHERE id = ?", (p["tag_id"],)).fetchone()
        if tag is None:
            return Target(problem="这个标签已被删除。")
        if tag[0] is None:
            return Target(row[0], row[1], wait=True)
        return Target(row[0], row[1], wecom_tag_id=tag[0])
    return Target(row[0], row[1])


def _resolve_rename(conn: Any, p: dict[str, Any]) -> Target:
    if "group_id" in p:
        row = conn.execute("SELECT wecom_group_id FROM tag_groups WHERE id = ?",
                           (p["group_id"],)).fetchone()
        if row is None:
            return Target(problem="这个标签组已被删除。")
        if row[0] is None:
            return Target(problem="这个标签组只在本地，不在企业微信里。")
        return Target(wecom_group_id=row[0], tag_name=p["name"])
    row = conn.execute("SELECT wecom_tag_id FROM tags WHERE id = ?", (p["tag_id"],)).fetchone()
    if row is None:
        return Target(problem="这个标签已被删除。")
    if row[0] is None:  # created offline: its WeCom id arrives when its creation is pushed
        if store.is_wecom_tag(conn, p["tag_id"]):
            return Target(wait=True)
        return Target(problem="这个标签只在本地，不在企业微信里。")
    return Target(wecom_tag_id=row[0], tag_name=p["name"])


class OutboxService:
    def __init__(self, ws: Workspace, *, clock: Callable[[], float] = time.time) -> None:
        self.ws = ws
        self.clock = clock  # for next-try times (tests move it on)
        self._lock = asyncio.Lock()  # one push at a time

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self.ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str = "outbox",
                     audited: bool = False, summary: str = "") -> T:
        """Shielded like WorkspaceService._write: once submitted, a write is never dropped."""
        return await asyncio.shield(asyncio.wrap_future(self.ws.submit(
            fn, *args, action=action, audited=audited, summary=summary, actor=OUTBOX_ACTOR)))

    # -- for screens and the CLI ---------------------------------------------------------------
    async def items(self, statuses: tuple[str, ...] = store.STATUSES,
                    limit: int = 500) -> list[store.OutboxItem]:
        return await self._read(store.items, statuses, limit)

    async def counts(self) -> dict[str, int]:
        return await self._read(store.counts)

    async def describe(self, items: Sequence[store.OutboxItem]) -> dict[int, store.Description]:
        """Member, staff and tag names for these items (``store.describe_items``)."""
        return await self._read(store.describe_items, list(items))

    async def retry(self, item_id: int) -> None:
        await self._write(store.retry, item_id)

    async def discard(self, item_id: int) -> None:
        await self._write(store.discard, item_id, audited=True, action="outbox_discard",
                          summary=summaries.summary("放弃发件箱第 {id} 项", id=item_id))

    async def edit_remark(self, member_id: int, staff_id: int, remark: str,
                          description: str | None = None) -> bool:
        """Returns False when nothing changed (nothing queued)."""
        queued = await self._write(store.enqueue_remark, member_id, staff_id, remark, description,
                                   audited=True, action="edit_remark", summary="修改客户备注")
        return queued is not None

    # -- pushing -------------------------------------------------------------------------------
    async def push(self, client: WeComClient, *, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> PushReport:
        async with self._lock:
            report = PushReport()
            seen: dict[str, Any] = {}  # one externalcontact/get per customer while reconciling
            for item in await self._read(store.items, ("sending",), 100_000):
                if report.offline:
                    break  # stays "sending": reconciled on the next push
                await self._reconcile(client, item, report, seen)
            todo = []
            for item in await self._read(store.items, ("pending",), 100_000):
                if store.due(item, self.clock()):
                    todo.append(item)
                else:  # backing off after a transient error: waiting, not failed
                    report.defer(1, item.next_try_at)
            done = 0
            for unit in _units(todo):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if report.offline:
                    report.waiting += len(unit)
                elif len(unit) == 1:
                    await self._send(client, unit[0], report)
                else:
                    await self._send_relationship(client, unit, report, cancelled)
                done += len(unit)
                if progress is not None:
                    progress(done, len(todo))
            return report

    async def _send_relationship(self, client: WeComClient, unit: list[store.OutboxItem],
                                 report: PushReport, cancelled: Callable[[], bool] | None) -> None:
        """One relationship's tag changes: those ready to go in as few ``mark_tag`` calls as
        WeCom allows; the rest (waiting, unsendable, no longer pending) one by one as before."""
        def fresh(conn: Any) -> list[tuple[store.OutboxItem, Target]]:
            out = []
            for item in unit:
                now = store.get(conn, item.id)
                if now is not None and now.status == "pending":
                    out.append((now, _resolve(conn, now)))
            return out
        ready = [(i, t) for i, t in await self._read(fresh) if not t.problem and not t.wait]
        ready_ids = {i.id for i, _t in ready}
        for item in unit:
            if item.id in ready_ids:
                continue
            if report.offline:
                report.waiting += 1
            else:
                await self._send(client, item, report)  # skips, fails or waits, as before
        for n, batch in enumerate(_batches(ready)):
            if n and cancelled is not None and cancelled():
                raise Cancelled()
            if report.offline:
                report.waiting += len(batch)
            elif len(batch) == 1:
                await self._send(client, batch[0][0], report)
            else:
                await self._send_batch(client, batch, report, cancelled)

    async def _send_batch(self, client: WeComClient, batch: list[tuple[store.OutboxItem, Target]],
                          report: PushReport, cancelled: Callable[[], bool] | None) -> None:
        """Several ``mark_tag`` items of one relationship in one call. All are marked sending in
        one write and sent in one; if WeCom refuses the call, each item is sent on its own so
        each failure gets its own reason."""
        def begin(ctx: WriteContext) -> list[int]:
            ids = [i.id for i, _t in batch
                   if (now := store.get(ctx.conn, i.id)) is not None and now.status == "pending"]
            for item_id in ids:
                store.mark_sending(ctx, item_id)
            return ids
        started = set(await self._write(begin))
        batch = [(i, t) for i, t in batch if i.id in started]
        if not batch:
            return  # discarded or superseded meanwhile
        ids = [i.id for i, _t in batch]
        target = batch[0][1]
        add = list(dict.fromkeys(t.wecom_tag_id for i, t in batch if i.payload["add"]))
        remove = list(dict.fromkeys(t.wecom_tag_id for i, t in batch if not i.payload["add"]))
        try:
            await wecom_tags.mark_tag(client, target.userid, target.external_userid,
                                      add=add, remove=remove)
        except NetworkError as exc:
            await self._retry_later([i for i, _t in batch], f"{exc.message} 恢复网络后会自动重试。",
                                    report)
            report.offline = True
            return
        except TRANSIENT_ERRORS as exc:
            await self._retry_later([i for i, _t in batch], str(exc), report)
            return
        except TrustedIpError as exc:
            await self._write(_mark_all, store.mark_pending, ids, WAIT_IP_TEXT)
            report.stop(exc)
            report.waiting += len(ids)
            return
        except (WeComUserError, WeComRequestBug, ValidationError) as exc:
            if isinstance(exc, NotFoundError) and exc.errcode in RELATIONSHIP_ERRORS:
                # about the staff member or the customer, not a tag: the same for every item
                await self._write(_mark_all, store.mark_failed, ids, str(exc))
                report.failed += len(ids)
                report.errors.extend([str(exc)] * len(ids))
                return
            log.info("outbox: combined mark_tag for items %s refused (%s); sending one by one",
                     ids, exc)
            await self._write(_mark_all, store.mark_pending, ids, "")
        else:
            await self._write(_mark_all, store.mark_sent, ids, audited=True, action="outbox_sent",
                              summary=_sent_summary(ids))
            report.sent += len(ids)
            return
        for n, (item, _t) in enumerate(batch):
            if n and cancelled is not None and cancelled():
                raise Cancelled()
            if report.offline:
                report.waiting += 1
            else:
                await self._send(client, item, report)

    async def _reconcile(self, client: WeComClient, item: store.OutboxItem,
                         report: PushReport, seen: dict[str, Any] | None = None) -> None:
        """An item interrupted mid-push: mark it sent if WeCom has it, else send it again."""
        target = await self._read(_resolve, item)
        try:
            if target.problem or target.wait:
                await self._write(store.mark_pending, item.id)
                return
            if item.kind == store.ADD_CORP_TAG:
                found = await self._find_tag(client, target)
                if found:
                    await self._write(store.mark_sent, item.id, {"wecom_tag_id": found},
                                      audited=True, action="outbox_sent",
                                      summary=_sent_summary([item.id]))
                    report.reconciled += 1
                    return
            elif item.kind in (store.EDIT_CORP_TAG, store.DEL_CORP_TAG):
                done = (await _has_name(client, target) if item.kind == store.EDIT_CORP_TAG
                        else not any(await _still_there(client, item.payload)))
                if done:
                    await self._write(store.mark_sent, item.id, audited=True, action="outbox_sent",
                                      summary=_sent_summary([item.id]))
                    report.reconciled += 1
                    return
            else:
                seen = {} if seen is None else seen
                if target.external_userid not in seen:
                    seen[target.external_userid] = await contacts.get_contact(
                        client, target.external_userid)
                detail = seen[target.external_userid]
                follow = next((f for f in detail.follow_users if f.userid == target.userid), None)
                if follow is not None and _already_applied(item, target, follow):
                    await self._write(store.mark_sent, item.id, audited=True, action="outbox_sent",
                                      summary=_sent_summary([item.id]))
                    report.reconciled += 1
                    return
        except NetworkError:
            report.offline = True
            return
        except TrustedIpError as exc:  # stays "sending": checked again on the next push
            report.stop(exc)
            return
        except WeComUserError as exc:
            log.info("outbox reconcile of %s failed: %s", item.id, exc)
        await self._write(store.mark_pending, item.id)

    async def _find_tag(self, client: WeComClient, target: Target) -> str:
        library = await wecom_tags.get_corp_tag_list(client, group_ids=[target.wecom_group_id])
        for group in library:
            for tag in group.tags:
                if tag.name == target.tag_name and not tag.deleted:
                    return tag.id
        return ""

    async def _send(self, client: WeComClient, item: store.OutboxItem, report: PushReport) -> None:
        item = await self._read(lambda c: store.get(c, item.id) or item)
        if item.status != "pending":
            return  # discarded or superseded meanwhile
        if not store.due(item, self.clock()):
            report.defer(1, item.next_try_at)  # a transient error earlier in this push
            return
        target = await self._read(_resolve, item)
        if target.problem:
            await self._write(store.mark_failed, item.id, target.problem)
            report.failed += 1
            return
        if target.wait:
            report.waiting += 1
            return
        await self._write(store.mark_sending, item.id)
        try:
            result = await self._call(client, item, target)
        except NetworkError as exc:
            await self._retry_later([item], f"{exc.message} 恢复网络后会自动重试。", report)
            report.offline = True
            return
        except TRANSIENT_ERRORS as exc:
            await self._retry_later([item], str(exc), report)
            return
        except TrustedIpError as exc:
            await self._write(store.mark_pending, item.id, WAIT_IP_TEXT)
            report.stop(exc)
            report.waiting += 1
            return
        except PermissionDeniedError as exc:
            text = _read_only_text(item) or str(exc)
            await self._fail(item, text, report, read_only=item.kind != store.REMARK,
                             wecom_name=await self._wecom_name(client, item, target))
            return
        except ApiNotAuthorizedError as exc:
            # 48002 on a tag edit: another app's tag, if the tag library can still be read.
            name = None
            if item.kind in TAG_LIBRARY_KINDS:
                name = await self._wecom_name(client, item, target, probe=True)
            if name is None:
                await self._fail(item, str(exc), report)
            else:
                await self._fail(item, _read_only_text(item), report, read_only=True,
                                 wecom_name=name)
            return
        except WeComUserError as exc:
            await self._fail(item, str(exc), report)
            return
        except (WeComRequestBug, ValidationError) as exc:
            log.error("outbox item %s refused: %s", item.id, exc)
            await self._fail(item, BUG_TEXT if isinstance(exc, WeComRequestBug) else str(exc),
                             report)
            return
        await self._write(store.mark_sent, item.id, result, audited=True, action="outbox_sent",
                          summary=_sent_summary([item.id]))
        report.sent += 1

    async def _retry_later(self, items: Sequence[store.OutboxItem], text: str,
                           report: PushReport) -> None:
        """Back to waiting after a transient error, each item until its own next-try time."""
        now = self.clock()
        times = {i.id: int(now + backoff_s(i.retries)) for i in items}

        def run(ctx: WriteContext) -> None:
            for item_id, at in times.items():
                store.mark_retry_later(ctx, item_id, text, at)
        await self._write(run)
        log.info("outbox items %s: transient error, next try at %s", list(times), times)
        report.defer(len(times), min(times.values()) if times else None)

    async def _wecom_name(self, client: WeComClient, item: store.OutboxItem, target: Target, *,
                          probe: bool = False) -> str | None:
        """For a refused tag-library item: WeCom's current name of a renamed tag ("" when not a
        tag rename or not found). ``None`` when the library cannot be read (``probe``: asked
        for any tag-library item, to tell a read-only tag from an app without access)."""
        if item.kind != store.EDIT_CORP_TAG or "group_id" in item.payload:
            if not probe:
                return ""
            p = item.payload
            try:
                await wecom_tags.get_corp_tag_list(
                    client, tag_ids=list(p.get("tag_ids") or [])[:1],
                    group_ids=[target.wecom_group_id] if target.wecom_group_id
                    else list(p.get("group_ids") or [])[:1])
            except (WeComUserError, WeComRequestBug):
                return None
            return ""
        try:
            library = await wecom_tags.get_corp_tag_list(client, tag_ids=[target.wecom_tag_id])
        except (WeComUserError, WeComRequestBug) as exc:
            if probe:
                return None
            log.info("outbox: could not read WeCom's name of tag %s: %s", target.wecom_tag_id, exc)
            return await self._read(store.name_before_rename, item.payload["tag_id"],
                                    item.payload["name"])
        return next((t.name for g in library for t in g.tags
                     if t.id == target.wecom_tag_id and not t.deleted), "")

    async def _fail(self, item: store.OutboxItem, text: str, report: PushReport, *,
                    read_only: bool = False, wecom_name: str | None = None) -> None:
        def run(ctx: WriteContext) -> None:
            store.mark_failed(ctx, item.id, text)
            if wecom_name and item.kind == store.EDIT_CORP_TAG and "tag_id" in item.payload:
                store.restore_tag_name(ctx, item.payload["tag_id"], wecom_name)
            if read_only and item.kind == store.EDIT_CORP_TAG and "group_id" in item.payload:
                store.mark_group_as_admin(ctx, item.payload["group_id"])
            elif read_only and item.tag_id is not None and item.kind != store.DEL_CORP_TAG:
                store.mark_tag_as_admin(ctx, item.tag_id)
        await self._write(run)
        report.failed += 1
        report.errors.append(text)

    async def _call(self, client: WeComClient, item: store.OutboxItem,
                    target: Target) -> dict[str, Any] | None:
        p = item.payload
        if item.kind == store.MARK_TAG:
            add = [target.wecom_tag_id] if p["add"] else []
            remove = [] if p["add"] else [target.wecom_tag_id]
            await wecom_tags.mark_tag(client, target.userid, target.external_userid,
                                      add=add, remove=remove)
            return None
        if item.kind == store.REMARK:
            await contacts.remark(client, target.userid, target.external_userid,
                                  remark=p.get("remark"), description=p.get("description"))
            return None
        if item.kind == store.ADD_CORP_TAG:
            group = await wecom_tags.add_corp_tag(client, [target.tag_name],
                                                  group_id=target.wecom_group_id)
            found = next((t.id for t in group.tags if t.name == target.tag_name), "")
            return {"wecom_tag_id": found} if found else None
        if item.kind == store.EDIT_CORP_TAG:
            await wecom_tags.edit_corp_tag(client, target.wecom_tag_id or target.wecom_group_id,
                                           name=p["name"])
            return None
        if item.kind == store.DEL_CORP_TAG:
            tag_ids, group_ids = p["tag_ids"], p["group_ids"]
            try:
                await wecom_tags.del_corp_tag(client, tag_ids=tag_ids, group_ids=group_ids)
            except NotFoundError:
                # Some were deleted in WeCom meanwhile (WeCom refuses the whole call then).
                tag_ids, group_ids = await _still_there(client, p)
                if tag_ids or group_ids:
                    await wecom_tags.del_corp_tag(client, tag_ids=tag_ids, group_ids=group_ids)
            return None
        raise ValidationError(f"未知的发件箱项目类型：{item.kind}", english="Unknown outbox kind.")


def _sent_summary(ids: Sequence[int]) -> str:
    """发件箱第 11724、11725 项已发送到企业微信 — which items, for the history."""
    shown = "、".join(str(i) for i in ids[:5]) + (f" +{len(ids) - 5}" if len(ids) > 5 else "")
    return summaries.summary("发件箱第 {ids} 项已发送到企业微信", ids=shown)


def _units(todo: Sequence[store.OutboxItem]) -> list[list[store.OutboxItem]]:
    """The pending items in push order, a relationship's ``mark_tag`` items together. A
    relationship's group goes at the place of its last item, so whatever was queued before any
    of them (a new tag being created in WeCom) has been pushed by then."""
    last: dict[tuple[int, int], int] = {}
    for n, item in enumerate(todo):
        if item.kind == store.MARK_TAG and item.member_id is not None and item.staff_id is not None:
            last[(item.member_id, item.staff_id)] = n
    groups: dict[tuple[int, int], list[store.OutboxItem]] = {}
    units: list[list[store.OutboxItem]] = []
    for n, item in enumerate(todo):
        rel = (item.member_id or 0, item.staff_id or 0)
        if item.kind != store.MARK_TAG or rel not in last:
            units.append([item])
            continue
        groups.setdefault(rel, []).append(item)
        if last[rel] == n:
            units.append(groups.pop(rel))
    return units


def _batches(ready: Sequence[tuple[store.OutboxItem, Target]]
             ) -> list[list[tuple[store.OutboxItem, Target]]]:
    """Split one relationship's ready items into calls: at most ``MARK_TAG_BATCH`` tag ids, and a
    tag that changes direction (added, then removed) starts a new call, so the later one wins."""
    out: list[list[tuple[store.OutboxItem, Target]]] = []
    current: list[tuple[store.OutboxItem, Target]] = []
    direction: dict[str, bool] = {}
    for item, target in ready:
        add = bool(item.payload["add"])
        tag = target.wecom_tag_id
        if current and (direction.get(tag, add) != add
                        or (tag not in direction and len(direction) >= MARK_TAG_BATCH)):
            out.append(current)
            current, direction = [], {}
        current.append((item, target))
        direction[tag] = add
    if current:
        out.append(current)
    return out


def _mark_all(ctx: WriteContext, mark: Callable[..., None], ids: Sequence[int],
              *args: Any) -> None:
    for item_id in ids:
        mark(ctx, item_id, *args)


def _read_only_text(item: store.OutboxItem) -> str:
    if item.kind == store.REMARK:
        return ""
    if item.kind == store.DEL_CORP_TAG:
        return READ_ONLY_DELETE_TEXT
    if item.kind == store.EDIT_CORP_TAG and "group_id" in item.payload:
        return READ_ONLY_GROUP_TEXT
    return READ_ONLY_TEXT


async def _has_name(client: WeComClient, target: Target) -> bool:
    """Whether WeCom already calls the tag or group what the rename says."""
    if target.wecom_group_id:
        library = await wecom_tags.get_corp_tag_list(client, group_ids=[target.wecom_group_id])
        return any(g.group_id == target.wecom_group_id and g.group_name == target.tag_name
                   and not g.deleted for g in library)
    library = await wecom_tags.get_corp_tag_list(client, tag_ids=[target.wecom_tag_id])
    return any(t.id == target.wecom_tag_id and t.name == target.tag_name and not t.deleted
               for g in library for t in g.tags)


async def _still_there(client: WeComClient, p: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Which of a deletion's tags and groups WeCom still has (two look-ups: when both filters
    are given, WeCom answers for the groups only)."""
    tags: list[str] = []
    groups: list[str] = []
    if p["tag_ids"]:
        library = await wecom_tags.get_corp_tag_list(client, tag_ids=p["tag_ids"])
        present = {t.id for g in library for t in g.tags if not t.deleted}
        tags = [t for t in p["tag_ids"] if t in present]
    if p["group_ids"]:
        library = await wecom_tags.get_corp_tag_list(client, group_ids=p["group_ids"])
        present = {g.group_id for g in library if not g.deleted}
        groups = [g for g in p["group_ids"] if g in present]
    return tags, groups


def _already_applied(item: store.OutboxItem, target: Target, follow: Any) -> bool:
    p = item.payload
    if item.kind == store.MARK_TAG:
        has = target.wecom_tag_id in follow.tag_ids
        return bool(has) == bool(p["add"])
    if item.kind == store.REMARK:
        same = follow.remark == p.get("remark", follow.remark)
        return bool(same and follow.description == p.get("description", follow.description))
    return False
