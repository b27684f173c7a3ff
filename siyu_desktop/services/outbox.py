"""Pushing the outbox to WeCom, never applying a change twice.

Each item is marked ``sending`` (committed) before its call and recorded after it; what a call
did is recorded in the same transaction as the next item's ``sending`` (one commit per call).
What each kind sends and how it is checked lives in ``services/outbox_kinds``. An item found
``sending`` when a push starts was interrupted between the two: WeCom may or may not have
applied it, so its kind checks first — the customer's relationship tags or remark re-read with
``externalcontact/get``, a new, renamed or deleted tag looked up in the tag library, a mass-send
task looked for in ``get_groupmsg_list_v2`` — and it is re-sent only when WeCom does not have it,
or when WeCom cannot tell and de-duplicates the kind (``domain.outbox.after_check``); a mass send
then stays ``sending`` and is checked again on the next push. An operator's change of the same
target made meanwhile is its own, later item (``store.overtaken``): the interrupted one is then
recorded if WeCom has it and otherwise dropped, never sent after it. Network failures put the item back
to ``pending`` (a mass send: kept ``sending``, to be checked) and stop the push (we are offline;
order is kept); WeCom refusing an item marks it ``failed`` with WeCom's reason in the operator's
words, to retry or discard. A created mass send waits in ``waiting_confirm`` until its receipts
(``outbox_targets``) are final.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..domain import outbox as rules
from ..domain import summaries
from ..domain.outbox import BACKOFF_FIRST_S, BACKOFF_MAX_S, Check, Next, backoff_s
from ..errors import Cancelled, ValidationError
from ..ops import CancelToken, ProgressFn
from ..ops import report as report_progress
from ..store import outbox as store
from ..store.audit import WriteContext
from ..store.db import Workspace
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
from .outbox_kinds import NOW, Found, OutboxKind, Outcome, Target, kind_of
from .outbox_kinds.tag_kinds import READ_ONLY_DELETE_TEXT, READ_ONLY_GROUP_TEXT, READ_ONLY_TEXT

log = logging.getLogger(__name__)
T = TypeVar("T")
OUTBOX_ACTOR = "outbox"
BUG_TEXT = "企业微信拒绝了这个请求（程序问题，已记录日志）。可以放弃这一项，或联系开发团队。"
WAIT_IP_TEXT = ("企业微信拒绝了这台电脑的 IP（不在企业可信 IP 中），这一项在等待；"
                "连接恢复（换到中转服务器或固定出口）后会自动发送。")
EXPIRED_TEXT = "过了发送期限，没有发送。"

TRANSIENT_ERRORS = (ServerBusyError, RateLimitedError, ConcurrencyLimitError)
# Kinds whose 48002 may mean "a tag another app made" rather than "no customer-contact access".
TAG_LIBRARY_KINDS = frozenset({"edit_corp_tag", "del_corp_tag"})


# mark_tag takes lists of tags; WeCom documents no per-call limit (only 3000 tags per customer),
# so this is our own cap to keep one refused call's fallback small.
MARK_TAG_BATCH = 100
# mark_tag errors about the staff member or the customer, not a tag: every item would get them.
RELATIONSHIP_ERRORS = frozenset({40003, 40096, 84061})

# Re-exported so WorkspaceService can hook local edits without reaching into the store.
enqueue_tag_changes = store.enqueue_tag_changes
enqueue_tag_change = store.enqueue_tag_change
enqueue_new_tag = store.enqueue_new_tag
__all__ = ["BACKOFF_FIRST_S", "BACKOFF_MAX_S", "READ_ONLY_DELETE_TEXT", "READ_ONLY_GROUP_TEXT",
           "READ_ONLY_TEXT", "OutboxService", "PushReport", "backoff_s"]


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


class OutboxService:
    def __init__(self, ws: Workspace, *, clock: Callable[[], float] | None = None) -> None:
        self._ws = ws
        self.clock = clock or ws.clock.now  # for next-try times: the workspace's clock
        self._lock = asyncio.Lock()  # one push at a time
        self._owed: list[_Owed] = []  # calls answered, recorded with the next write

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str = "outbox",
                     audited: bool = False, summary: str = "") -> T:
        """Shielded like WorkspaceService._write: once submitted, a write is never dropped."""
        return await asyncio.shield(asyncio.wrap_future(self._ws.submit(
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
    async def push(self, client: WeComClient, *, progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> PushReport:
        async with self._lock:
            report = PushReport()
            self._owed = []
            try:
                await self._push(client, report, progress, cancel)
            finally:
                if self._owed:
                    await self._write_push(_nothing)  # records what the last calls did
            return report

    async def _push(self, client: WeComClient, report: PushReport,
                    progress: ProgressFn | None, cancelled: CancelToken | None) -> None:
        # one look-up per customer (or task list) while checking, and the push's "now"
        seen: dict[str, Any] = {NOW: self.clock()}
        for item in await self._read(store.items, ("sending",), 100_000):
            if report.offline:
                break  # stays "sending": checked on the next push
            await self._reconcile(client, item, report, seen)
        for item in await self._read(store.items, ("waiting_confirm",), 100_000):
            if report.offline:
                break
            await self._receipts(client, item, report)
        todo = []
        now = self.clock()
        for item in await self._read(store.items, ("pending",), 100_000):
            if rules.expired(item.expires_at, now):
                await self._write(store.mark_failed, item.id, EXPIRED_TEXT)
                report.failed += 1
            elif store.due(item, now):
                todo.append(item)
            else:  # backing off after a transient error: waiting, not failed
                report.defer(1, item.next_try_at or item.not_before)
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
            report_progress(progress, "push", done, len(todo))

    # -- recording: one write per call --------------------------------------------------------
    async def _write_push(self, fn: Callable[..., T], *args: Any) -> T:
        """A write of the push; what earlier calls did (``_record``) is recorded in the same
        transaction, so a call costs one commit (its ``sending``), not two. Until then the
        item stays ``sending``: a crash before it is checked on the next push, as always."""
        owed, self._owed = self._owed, []

        def run(ctx: WriteContext) -> T:
            _record_all(ctx, owed)
            return fn(ctx, *args)
        if not owed:
            return await self._write(fn, *args)
        return await self._write(run, audited=True, action="outbox_sent",
                                 summary=_sent_summary([i for r in owed for i in r.ids]))

    async def _record(self, kind: OutboxKind, ids: Sequence[int], outcome: Outcome) -> None:
        self._owed.append(_Owed(kind, list(ids), outcome))
        if kind.record_now:  # later items resolve through what it did
            await self._write_push(_nothing)

    async def _send_relationship(self, client: WeComClient, unit: list[store.OutboxItem],
                                 report: PushReport, cancelled: Callable[[], bool] | None) -> None:
        """One relationship's tag changes: those ready to go in as few ``mark_tag`` calls as
        WeCom allows; the rest (waiting, unsendable, no longer pending) one by one as before."""
        def fresh(conn: Any) -> list[tuple[store.OutboxItem, Target]]:
            out = []
            for item in unit:
                now = store.get(conn, item.id)
                if now is not None and now.status == "pending":
                    out.append((now, kind_of(now).resolve(conn, now)))
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
        started = set(await self._write_push(begin))
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
            await self._write_push(_mark_all, store.mark_pending, ids, WAIT_IP_TEXT)
            report.stop(exc)
            report.waiting += len(ids)
            return
        except (WeComUserError, WeComRequestBug, ValidationError) as exc:
            if isinstance(exc, NotFoundError) and exc.errcode in RELATIONSHIP_ERRORS:
                # about the staff member or the customer, not a tag: the same for every item
                await self._write_push(_mark_all, store.mark_failed, ids, str(exc))
                report.failed += len(ids)
                report.errors.extend([str(exc)] * len(ids))
                return
            log.info("outbox: combined mark_tag for items %s refused (%s); sending one by one",
                     ids, exc)
            await self._write_push(_mark_all, store.mark_pending, ids, "")
        else:
            await self._record(kind_of(batch[0][0]), ids, Outcome())
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
        """An item interrupted mid-push: recorded if WeCom has it, sent again if WeCom does not;
        when WeCom cannot tell, sent again only if WeCom de-duplicates the kind — otherwise it
        stays ``sending`` and is looked at again on the next push."""
        kind = kind_of(item)

        def look(conn: Any) -> tuple[Target, bool]:
            return kind.resolve(conn, item), store.overtaken(conn, item)
        target, overtaken = await self._read(look)
        if target.problem or target.wait:
            found = Found(Check.UNKNOWN)
        else:
            try:
                found = await kind.check(client, item, target,
                                         {NOW: self.clock()} if seen is None else seen)
            except NetworkError:
                report.offline = True
                return
            except TrustedIpError as exc:  # stays "sending": checked again on the next push
                report.stop(exc)
                return
            except WeComUserError as exc:
                log.info("outbox reconcile of %s failed: %s", item.id, exc)
                found = Found(Check.UNKNOWN)
        step = rules.after_check(found.check, resend_when_unknown=kind.resend_when_unknown,
                                 overtaken=overtaken)
        if step is Next.RECORD:
            await self._record(kind, [item.id], found.outcome)
            report.reconciled += 1
        elif step is Next.SUPERSEDE:  # the later item makes WeCom end as the operator wants
            await self._write_push(store.mark_superseded, item.id)
        elif step is Next.SEND:
            await self._write_push(store.mark_pending, item.id)
        else:
            await self._write_push(store.mark_checked, item.id,
                                   int(self.clock() + rules.RECHECK_S))
            report.waiting += 1

    async def _receipts(self, client: WeComClient, item: store.OutboxItem,
                        report: PushReport) -> None:
        """A created task waiting for staff to confirm it: its receipts, until all are final."""
        kind = kind_of(item)
        try:
            receipts = await kind.receipts(client, item)
        except NetworkError:
            report.offline = True
            return
        except TrustedIpError as exc:
            report.stop(exc)
            return
        except (WeComUserError, WeComRequestBug) as exc:
            log.info("outbox receipts of %s not read: %s", item.id, exc)
            return

        def run(ctx: WriteContext) -> None:
            store.record_targets(ctx, item.id, receipts.targets)
            if receipts.done:
                store.mark_sent(ctx, item.id, None, apply=kind.apply)
            else:
                store.mark_checked(ctx, item.id)
        await self._write_push(run)
        if receipts.done:
            report.sent += 1
        else:
            report.waiting += 1

    async def _send(self, client: WeComClient, item: store.OutboxItem, report: PushReport) -> None:
        kind = kind_of(item)

        def fresh(conn: Any) -> tuple[store.OutboxItem, Target | None]:
            now = store.get(conn, item.id) or item
            return now, (kind.resolve(conn, now) if now.status == "pending" else None)
        item, target = await self._read(fresh)
        if target is None:
            return  # discarded or superseded meanwhile
        if not store.due(item, self.clock()):
            report.defer(1, item.next_try_at)  # a transient error earlier in this push
            return
        if target.problem:
            await self._write_push(store.mark_failed, item.id, target.problem)
            report.failed += 1
            return
        if target.wait:
            report.waiting += 1
            return
        await self._write_push(store.mark_sending, item.id)
        try:
            outcome = await kind.send(client, item, target)
        except NetworkError as exc:
            if not kind.resend_when_unknown:
                # The call may have reached WeCom: stays sending, checked on the next push.
                await self._write_push(store.mark_checked, item.id,
                                       int(self.clock() + rules.RECHECK_S))
                report.waiting += 1
            else:
                await self._retry_later([item], f"{exc.message} 恢复网络后会自动重试。", report)
            report.offline = True
            return
        except TRANSIENT_ERRORS as exc:
            await self._retry_later([item], str(exc), report)
            return
        except TrustedIpError as exc:
            await self._write_push(store.mark_pending, item.id, WAIT_IP_TEXT)
            report.stop(exc)
            report.waiting += 1
            return
        except PermissionDeniedError as exc:
            text = kind.read_only_text(item) or str(exc)
            name = await kind.wecom_name(client, item, target)
            if name is None:
                name = await self._read(kind.name_from_history, item)
            await self._fail(item, text, report, read_only=bool(kind.read_only_text(item)),
                             wecom_name=name)
            return
        except ApiNotAuthorizedError as exc:
            # 48002 on a tag edit: another app's tag, if the tag library can still be read.
            probed = None
            if item.kind in TAG_LIBRARY_KINDS:
                probed = await kind.wecom_name(client, item, target, probe=True)
            if probed is None:
                await self._fail(item, str(exc), report)
            else:
                await self._fail(item, kind.read_only_text(item), report, read_only=True,
                                 wecom_name=probed)
            return
        except WeComUserError as exc:
            await self._fail(item, str(exc), report)
            return
        except (WeComRequestBug, ValidationError) as exc:
            log.error("outbox item %s refused: %s", item.id, exc)
            await self._fail(item, BUG_TEXT if isinstance(exc, WeComRequestBug) else str(exc),
                             report)
            return
        await self._record(kind, [item.id], outcome)
        report.sent += 1

    async def _retry_later(self, items: Sequence[store.OutboxItem], text: str,
                           report: PushReport) -> None:
        """Back to waiting after a transient error, each item until its own next-try time."""
        now = self.clock()
        times = {i.id: int(now + backoff_s(i.retries)) for i in items}

        def run(ctx: WriteContext) -> None:
            for item_id, at in times.items():
                store.mark_retry_later(ctx, item_id, text, at)
        await self._write_push(run)
        log.info("outbox items %s: transient error, next try at %s", list(times), times)
        report.defer(len(times), min(times.values()) if times else None)

    async def _fail(self, item: store.OutboxItem, text: str, report: PushReport, *,
                    read_only: bool = False, wecom_name: str | None = None) -> None:
        kind = kind_of(item)

        def run(ctx: WriteContext) -> None:
            store.mark_failed(ctx, item.id, text)
            kind.refused(ctx, item, read_only=read_only, wecom_name=wecom_name)
        await self._write_push(run)
        report.failed += 1
        report.errors.append(text)


@dataclass(frozen=True)
class _Owed:
    """A call WeCom answered whose result is not recorded yet."""

    kind: OutboxKind
    ids: list[int]
    outcome: Outcome


def _record_all(ctx: WriteContext, owed: Sequence[_Owed]) -> None:
    for o in owed:
        for item_id in o.ids:
            if o.outcome.confirm:
                store.mark_waiting_confirm(ctx, item_id, o.outcome.remote_id)
            else:
                store.mark_sent(ctx, item_id, o.outcome.result, apply=o.kind.apply)


def _nothing(ctx: WriteContext) -> None:
    return None


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
