"""Pulling WeCom into the workspace: full sync, incremental sync, and the choice between them.

Full sync: staff → corp tag library → then side by side: members (``batch/get_by_user``, 100
staff per request, 100 rows per page), groups (``groupchat/list`` + ``groupchat/get``) and daily
group statistics for every day WeCom still keeps (180) and we do not have yet. What they fetch
goes through a ``SyncWriter`` (see there) that writes it in few, large transactions, each with
its checkpoint, so a sync killed at any point leaves a consistent workspace and the next full
sync resumes where the last one stopped (same run marker, same phase, same staff chunk).

Incremental sync: staff, tags, customers added or lost per staff (``externalcontact/list`` diffed
against what we know, new ones read with ``externalcontact/get``), missing statistics days, and
the groups that ``groupchat/list`` shows as new or with a changed status, plus the share
(1/``ROLLING_CYCLE``) of groups read longest ago. WeCom has no cheaper way to tell which rosters
changed: the list holds only ids and status, ``member_version`` comes with ``groupchat/get``
itself, and the change events need a public callback server a desktop cannot be. Nor does the
per-staff list show edits made in the WeCom client on existing customers (remark, description,
tags): each incremental sync therefore also re-reads the ``REFRESH_CUSTOMERS`` customers read
longest ago (``externalcontact/get``), so such an edit arrives within customers / budget runs.
A full reconciliation (every roster, every customer) still runs when the last one is older than
``FULL_EVERY``; ``SyncService.freshness()`` says how old the oldest read is and when that is.

Members, groups and statistics fail on their own: an error in one (a date range WeCom refuses,
cursors that keep expiring) is recorded for it in ``SyncReport.failures`` and the others still
write what they read; the run is recorded as failed with the phase named, and the next full sync
resumes only the phases not done. Only when all of them fail (offline, refused) does the sync
raise. An expired paging cursor (50100) restarts that listing once from its checkpoint (the
members phase: its staff chunk); a second expiry, like a list that never ends, is the phase's
error, so no loop runs unbounded.

Progress goes to a plain callback (``ops.Progress``, one step per phase); cancelling the task
(or its ``ops.CancelToken``) stops
between pages, never inside a transaction.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, Literal, TypeVar

from ..domain import summaries
from ..errors import Cancelled, UserError
from ..ops import CancelToken, Progress, ProgressFn
from ..store import wecom_sync as ss
from ..store import wecom_sync_groups as gs
from ..store import wecom_sync_tags as ts
from ..store.audit import WriteContext
from ..store.db import Workspace
from ..wecom import contacts, groups, staff, tags
from ..wecom import errors as wecom_errors
from ..wecom.client import WeComClient
from ..wecom.errors import WeComError, WeComUserError
from ..wecom.types import ContactFollow
from . import identity_issues
from .identity_issues import IdentityIssueRecord
from .sync_writer import SyncWriter, Written

log = logging.getLogger(__name__)
T = TypeVar("T")
Mode = Literal["full", "incremental", "auto"]
PHASES = ("staff", "tags", "members", "groups", "stats")
PHASE_LABELS = {"staff": "员工", "tags": "标签库", "members": "客户", "groups": "客户群",
                "stats": "群统计"}
FULL_EVERY = 24 * 3600
RUN_KEY = "run:full"
ROLLING_CYCLE = 24  # an incremental sync re-reads the 1/24 of groups read longest ago
# ... and this many customers read longest ago (``externalcontact/get``, one call each): remark,
# description and tag edits made in the WeCom client reach the workspace between full syncs
REFRESH_CUSTOMERS = 200
MAX_PAGES = 100_000  # pages of one staff chunk: a server that never ends its list stops here
# Counts that describe what WeCom holds rather than what a run did: a resumed run takes the
# larger of the attempts' values instead of their sum.
LEVEL_COUNTS = frozenset({"staff", "tags", "groups"})
# The phases that run side by side, each failing on its own (``SyncReport.failures``).
SIDE_PHASES = ("members", "groups", "stats")


SyncProgress = Progress  # step: a phase of PHASES; step_index: its place there


def phase_label(phase: str) -> str:
    return PHASE_LABELS.get(phase, phase)


@dataclass
class SyncReport:
    mode: str
    resumed: bool = False
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    # phase → the operator-facing message of the error that stopped it; the other phases'
    # data is saved, and the next sync (a full one resumes) reads what the failed phase missed
    failures: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def merge(self, earlier: dict[str, int]) -> None:
        """Fold in the counts an earlier attempt of the same (resumed) run recorded."""
        for key, n in earlier.items():
            if key in LEVEL_COUNTS:
                self.counts[key] = max(self.counts.get(key, 0), int(n))
            else:
                self.add(key, int(n))

    @property
    def failure_text(self) -> str:
        return "；".join(f"{PHASE_LABELS.get(p, p)}：{m}" for p, m in self.failures.items())


@dataclass(frozen=True)
class Freshness:
    """When each part was last read from WeCom (epoch seconds; None: never), and what the
    coming syncs will read: every incremental sync re-reads ``refresh_customers`` customers and
    1/``rolling_cycle`` of the groups read longest ago; ``next_full_at`` is when the next full
    reconciliation is due (None: the next sync is one)."""
    customers: int
    customers_oldest: int | None
    groups: int
    groups_oldest: int | None
    next_full_at: int | None
    refresh_customers: int
    rolling_cycle: int
    now: float  # the workspace clock when this was read: ages are counted from it


class SyncService:
    def __init__(self, ws: Workspace, *, today: Callable[[], date] | None = None,
                 rolling_cycle: int = ROLLING_CYCLE,
                 refresh_customers: int = REFRESH_CUSTOMERS) -> None:
        self._ws = ws
        self._today = today or (lambda: groups.beijing_today(ws.clock.now()))
        self.rolling_cycle = rolling_cycle
        self.refresh_customers = refresh_customers
        self.transactions = 0  # of the last run's pipelined writes, for tests and benchmarks

    # -- plumbing ------------------------------------------------------------------------------
    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str, summary: str = "",
                     audited: bool = True) -> T:
        def run(ctx: WriteContext, *a: Any) -> T:
            if audited:
                ss.no_undo(ctx)
            return fn(ctx, *a)
        return await asyncio.wrap_future(self._ws.submit(
            run, *args, action=action, summary=summary, audited=audited, actor=ss.SYNC_ACTOR))

    def _check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()

    def _report(self, phase: str, done: int, total: int = 0) -> None:
        if self._progress is not None:
            self._progress(Progress(phase, done, total, PHASES.index(phase)))

    # -- choosing and running ------------------------------------------------------------------
    async def due_mode(self) -> Literal["full", "incremental"]:
        """Full when never done, unfinished (resume it), or older than ``FULL_EVERY``."""
        state = await self._read(gs.get_state, RUN_KEY)
        if state is None or state["finished_at"] is None:
            return "full"
        return ("full" if self._ws.clock.now() - state["finished_at"] > FULL_EVERY
                else "incremental")

    async def freshness(self) -> Freshness:
        """How fresh each part of the workspace is, for the 企业微信 screen and the CLI."""
        f = await self._read(gs.freshness)
        state = await self._read(gs.get_state, RUN_KEY)
        last_full = state["finished_at"] if state else None
        return Freshness(int(f["customers"] or 0), f["customers_oldest"], int(f["groups"] or 0),
                         f["groups_oldest"],
                         None if last_full is None else int(last_full) + FULL_EVERY,
                         self.refresh_customers, self.rolling_cycle, self._ws.clock.now())

    async def run(self, client: WeComClient, mode: Mode = "auto", *,
                  progress: ProgressFn | None = None,
                  cancel: CancelToken | None = None) -> SyncReport:
        if mode == "auto":
            mode = await self.due_mode()
        self._mode, self._progress, self._cancelled = mode, progress, cancel
        started = time.perf_counter()
        state = await self._read(gs.get_state, RUN_KEY)
        report = SyncReport(mode)
        earlier: dict[str, int] = {}  # what the attempts this run resumes counted
        if mode == "full" and state and state["finished_at"] is None and state["run_started_at"]:
            run, cp = int(state["run_started_at"]), dict(state["checkpoint"])
            report.resumed = True
            earlier = await self._read(_counts_so_far, run)
        else:
            # Strictly increasing markers: two runs in the same second must not share one.
            last = int(state["run_started_at"] or 0) if state else 0
            run, cp = max(int(self._ws.clock.now()), last + 1), {"phases_done": []}
            if mode == "full":
                await self._write(gs.set_state, RUN_KEY, run, cp, action="sync", audited=False)
        run_id = await self._write(gs.start_run, mode, run, action="sync", audited=False)
        try:
            await self._run_phases(client, mode, run, cp, report)
            # what WeCom no longer lists, once the whole run has been read (not after a phase
            # failed: what it did not read is not gone)
            if mode == "full" and not report.failures:
                for key, n in (await self._write(
                        gs.drop_stale, run, RUN_KEY, action="sync_members",
                        summary="同步客户：移除已删除的好友关系")).items():
                    report.add(key, n)
        except (asyncio.CancelledError, Cancelled):
            # Queued behind any page still being written: once it is done, so are they, and
            # whoever cancelled finds the workspace quiet and consistent.
            report.merge(earlier)
            await asyncio.shield(asyncio.wrap_future(self._ws.submit(
                gs.finish_run, run_id, "cancelled", "", report.counts, audited=False)))
            raise
        except Exception as exc:
            message = exc.message if isinstance(exc, WeComUserError) else type(exc).__name__
            report.merge(earlier)
            await asyncio.wrap_future(self._ws.submit(gs.finish_run, run_id, "failed", message,
                                                     report.counts, audited=False))
            raise
        report.seconds = time.perf_counter() - started
        # Each attempt records the whole run so far: the summary counts the whole sync.
        report.merge(earlier)
        await self._write(gs.finish_run, run_id, "failed" if report.failures else "done",
                          report.failure_text, report.counts, action="sync", audited=False)
        return report

    async def _run_phases(self, client: WeComClient, mode: str, run: int, cp: dict[str, Any],
                          report: SyncReport) -> None:
        """Staff and tags first (everything else needs them); then members, groups and
        statistics side by side — they use different endpoints, so WeCom's one-call-at-a-time
        per endpoint still holds, and the slowest of them sets the pace instead of their sum.
        Their pages reach the workspace through one ``SyncWriter``."""
        done: list[str] = list(cp.get("phases_done", []))
        full = mode == "full"

        async def mark(name: str) -> None:
            done.append(name)
            if full:  # a copy: the writer thread serialises it while other phases go on
                await self._write(gs.set_state, RUN_KEY, run, {**cp, "phases_done": list(done)},
                                  action="sync", audited=False)

        for name in ("staff", "tags"):
            if name not in done:
                self._check()
                self._report(name, 0)
                if name == "staff":
                    cp["staff"] = await self._staff(client, run, report)
                else:
                    await self._tags(client, run, report)
                await mark(name)
        written = list(done)

        def mark_written(ctx: WriteContext, name: str) -> None:  # on the writer thread
            written.append(name)
            gs.set_state(ctx, RUN_KEY, run, {**cp, "phases_done": list(written)})

        self._members_written = 0
        self._groups_done, self._groups_total = 0, 0
        writer = SyncWriter(self._ws, run, await self._staff_ids(), force_roster=full,
                            on_written=lambda w: self._on_written(w, report),
                            cancelled=self._cancelled, groups_open="members" in done)

        errors: dict[str, BaseException] = {}

        async def phase(name: str) -> None:
            try:
                await run_phase(name)
            except (WeComError, UserError) as exc:
                # This phase stops; what it and the others fetched is still written, and the
                # next sync reads again what it missed (a full one resumes from its checkpoint).
                log.warning("sync phase %s failed: %s", name, exc)
                errors[name] = exc
                report.failures[name] = _message(exc)
                if name == "members":
                    writer.open_groups()  # the held rosters need not wait for members now

        async def run_phase(name: str) -> None:
            self._check()
            self._report(name, 0)
            if name == "members" and full:
                await self._members_full(client, run, cp["staff"], writer, report)
            elif name == "members":
                await self._members_incremental(client, run, cp["staff"], report)
                writer.open_groups()
            elif name == "groups":
                await self._groups(client, cp["staff"], writer, report, full=full)
            else:
                await self._stats(client, cp["staff"], writer)
            if full:
                await writer.call("groups" if name == "groups" else "main", "phase",
                                  mark_written, name)

        try:
            async with asyncio.TaskGroup() as outer:
                outer.create_task(writer.run())
                async with asyncio.TaskGroup() as fetchers:
                    for name in SIDE_PHASES:
                        if name not in done:
                            fetchers.create_task(phase(name))
                writer.close()
        except BaseExceptionGroup as failures:
            # The first real failure is the story (the others are its cancelled siblings).
            raise _first(failures) from None
        finally:
            self.transactions = writer.transactions
        ran = [name for name in SIDE_PHASES if name not in done]
        if ran and all(name in errors for name in ran):
            raise errors[ran[0]]  # nothing got through (offline, refused): the sync failed
        if full and not errors:
            await self._write(gs.set_state, RUN_KEY, run, {**cp, "phases_done": list(written)},
                              0, 0, True, action="sync", audited=False)

    def _on_written(self, w: Written, report: SyncReport) -> None:
        c = w.contacts
        report.add("members_added", c.members_added)
        report.add("members_updated", c.members_updated)
        report.add("member_tags_changed", c.tags_changed)
        report.add("identity_issues", len(c.identity_issues))
        for r in w.groups:
            report.add("groups_added", int(r.added))
            report.add("members_added", r.members_added)
            report.add("joins", r.joins)
            report.add("leaves", r.leaves)
        if w.stat_days:
            report.add("stat_days", w.stat_days)
        for name, result in w.calls:
            if name != "phase":
                report.add(name, int(result))
        if w.members_done is not None:
            self._members_written = w.members_done
            self._report("members", w.members_done)
        if w.groups:
            self._groups_done += len(w.groups)
            self._report("groups", self._groups_done, self._groups_total)

    # -- phases --------------------------------------------------------------------------------
    async def _staff(self, client: WeComClient, run: int, report: SyncReport) -> list[str]:
        userids = await staff.get_follow_user_list(client)
        await self._write(ss.sync_staff, userids, run, action="sync_staff",
                          summary=summaries.summary("同步员工 {n} 人", n=len(userids)))
        report.add("staff", len(userids))
        await self._staff_names(client, userids, run, report)
        self._report("staff", len(userids), len(userids))
        return userids

    async def _staff_names(self, client: WeComClient, userids: Sequence[str], run: int,
                           report: SyncReport) -> None:
        """Names from the staff directory for staff known only by their userid (so far a name
        came only from a group roster, and staff in no group showed their userid). A name once
        known is kept (the operator may have set it); a secret that may not read the directory
        leaves the names as they are, with a note in the report."""
        unnamed = await self._read(ss.unnamed_staff, userids)
        names: dict[str, str] = {}
        for userid in unnamed:
            self._check()
            try:
                name = await staff.get_user_name(client, userid)
            except wecom_errors.PermissionDeniedError:
                log.info("the staff directory is not readable with this secret")
                report.add("staff_names_denied", 1)
                break
            except wecom_errors.NotFoundError:
                continue  # left the directory: the roster name, if any, stays
            if name and name != userid:
                names[userid] = name
        if names:
            await self._write(ss.ensure_staff, sorted(names), names, run, action="sync_staff",
                              summary=summaries.summary("同步员工姓名 {n} 人", n=len(names)))
            report.add("staff_named", len(names))

    async def _tags(self, client: WeComClient, run: int, report: SyncReport) -> None:
        library = await tags.get_corp_tag_list(client)
        changed = await self._write(ts.sync_tag_library, library, run, action="sync_tags",
                                    summary="同步企业标签库")
        n = sum(len(g.tags) for g in library)
        report.add("tags", n)
        report.add("tags_changed", changed)
        self._report("tags", n, n)

    async def _staff_ids(self) -> dict[str, int]:
        return await self._read(lambda c: {r[0]: int(r[1]) for r in c.execute(
            "SELECT userid, id FROM staff")})

    async def _members_full(self, client: WeComClient, run: int, userids: Sequence[str],
                            writer: SyncWriter, report: SyncReport) -> None:
        state = await self._read(gs.get_state, "members")
        cp = state["checkpoint"] if state and state["run_started_at"] == run else {}
        chunk, cursor, done = int(cp.get("chunk", 0)), str(cp.get("cursor", "")), int(cp.get("done", 0))
        chunks = [list(userids[i:i + contacts.MAX_USERIDS])
                  for i in range(0, len(userids), contacts.MAX_USERIDS)]
        # Where the chunk began, to restart it: the checkpoint a cursor expiry goes back to.
        chunk_done = int(cp.get("chunk_done", done))
        restarted, pages, seen = False, 0, set[str]()
        while chunk < len(chunks):
            self._check()
            if pages >= MAX_PAGES or (cursor and cursor in seen):
                raise _endless(PHASE_LABELS["members"], pages)
            body = {"userid_list": chunks[chunk], "limit": contacts.MAX_LIMIT, "cursor": cursor}
            try:
                data = await client.post(contacts.BATCH_PATH, body)
            except WeComError as exc:
                if not (cursor and cursor_expired(exc)):
                    raise  # any other error is this phase's error, whether a cursor is set or not
                if restarted:
                    raise _cursor_keeps_expiring(PHASE_LABELS["members"]) from None
                # WeCom cursors are short-lived (a slow network, a saved one after a restart):
                # this staff chunk is read again from its first page, once.
                log.info("cursor expired (%s); restarting staff chunk %d", exc, chunk)
                restarted, cursor, pages, seen = True, "", 0, set()
                report.add("contacts", chunk_done - done)  # its rows will be counted again
                done = chunk_done
                continue
            pages += 1
            if cursor:
                seen.add(cursor)
            rows = [ContactFollow.from_api(r) for r in data.get("external_contact_list") or []
                    if isinstance(r, dict)]
            nxt = str(data.get("next_cursor") or "")
            done += len(rows)
            if not nxt:  # the next chunk starts here, with a restart of its own
                chunk_done, restarted, pages, seen = done, False, 0, set()
            # The page and the checkpoint after it are written together.
            await writer.members_page(rows, {"chunk": chunk + (0 if nxt else 1), "cursor": nxt,
                                             "done": done, "chunk_done": chunk_done})
            report.add("contacts", len(rows))
            chunk, cursor = chunk + (0 if nxt else 1), nxt
        listed = [writer.staff_ids[u] for u in userids if u in writer.staff_ids]
        await writer.call("main", "follows_removed", ss.drop_unseen_follows, listed, run,
                          opens_groups=True)

    async def _members_incremental(self, client: WeComClient, run: int, userids: Sequence[str],
                                   report: SyncReport) -> None:
        staff_ids = await self._staff_ids()
        added: set[str] = set()
        for done, userid in enumerate(userids, start=1):
            self._check()
            sid = staff_ids[userid]
            listed = set(await contacts.list_contacts(client, userid))
            known = set(await self._read(lambda c, s=sid: [r[0] for r in c.execute(
                "SELECT m.external_userid FROM follows f JOIN members m ON m.id = f.member_id "
                "WHERE f.staff_id = ? AND m.external_userid IS NOT NULL", (s,))]))
            new = sorted(listed - known)
            for start in range(0, len(new), 20):
                self._check()
                rows: list[ContactFollow] = []
                for ext in new[start:start + 20]:
                    detail = await _listing(partial(contacts.get_contact, client, ext),
                                            PHASE_LABELS["members"])
                    rows.extend(ContactFollow(detail.contact, f) for f in detail.follow_users)
                result = await self._write(ss.upsert_contacts, rows, staff_ids, run,
                                           action="sync_members", summary="同步新客户")
                report.add("members_added", result.members_added)
                report.add("contacts", len(rows))
            gone = sorted(known - listed)
            if gone or new:  # also announces the new relationships to the index
                report.add("follows_removed", await self._write(
                    ss.drop_unseen_follows, [sid], run, gone, action="sync_members",
                    summary="同步客户：移除已删除的好友关系"))
            self._report("members", done, len(userids))
            added.update(new)
        await self._refresh_customers(client, run, staff_ids, added, report)

    async def _refresh_customers(self, client: WeComClient, run: int, staff_ids: dict[str, int],
                                 skip: set[str], report: SyncReport) -> None:
        """Re-read the customers read longest ago (the budget ``refresh_customers``): edits made
        in the WeCom client on existing customers (remark, description, tags) arrive within
        (customers / budget) incremental syncs instead of waiting for the next full one."""
        if self.refresh_customers <= 0:
            return
        stale = [e for e in await self._read(ss.stalest_customers,
                                             self.refresh_customers + len(skip)) if e not in skip]
        stale = stale[:self.refresh_customers]
        for start in range(0, len(stale), 20):
            self._check()
            rows: list[ContactFollow] = []
            for ext in stale[start:start + 20]:
                try:
                    detail = await _listing(partial(contacts.get_contact, client, ext),
                                            PHASE_LABELS["members"])
                except wecom_errors.NotFoundError:
                    continue  # no longer anyone's customer: the list diff above removed them
                rows.extend(ContactFollow(detail.contact, f) for f in detail.follow_users
                            if f.userid in staff_ids)
            if rows:
                result = await self._write(ss.upsert_contacts, rows, staff_ids, run,
                                           action="sync_members", summary="同步客户资料")
                report.add("members_updated", result.members_updated)
                report.add("member_tags_changed", result.tags_changed)
            report.add("members_refreshed", len(stale[start:start + 20]))

    async def _groups(self, client: WeComClient, userids: Sequence[str], writer: SyncWriter,
                      report: SyncReport, *, full: bool) -> None:
        # Without an owner filter WeCom answers 81017 when the app sees more than 1000 staff;
        # the listing then falls back to these staff as owners, 100 per request, by itself.
        owners = list(userids) if len(userids) > 1000 else None
        refs = sorted(await _listing(lambda: groups.list_group_chats(
            client, owner_userids=owners, fallback_owners=userids), PHASE_LABELS["groups"]),
            key=lambda r: r.chat_id)
        if full:
            skip = await self._read(gs.synced_chat_ids, writer.run_marker)
            todo = [r for r in refs if r.chat_id not in skip]
        else:
            todo = await self._read(gs.groups_to_read, refs, self.rolling_cycle)
        self._groups_total, self._groups_done = len(refs), len(refs) - len(todo)
        report.add("groups", len(refs))
        for ref in todo:
            self._check()
            await writer.group(await groups.get_group_chat(client, ref.chat_id), ref.status)
            report.add("groups_read", 1)  # what was read, not what was planned
        await writer.call("groups", "groups_dismissed", gs.mark_dismissed,
                          {r.chat_id for r in refs})

    async def _stats(self, client: WeComClient, userids: Sequence[str],
                     writer: SyncWriter) -> None:
        today = self._today()
        oldest = today - timedelta(days=groups.RETENTION_DAYS)
        for i, owner in enumerate(userids):
            self._check()
            last = await self._read(gs.last_stat_day, owner)
            begin = oldest if last is None else max(oldest, _day_of(last) + timedelta(days=1))
            if begin < today:
                items = await groups.statistic_group_by_day(client, [owner], begin,
                                                            today - timedelta(days=1), today=today)
                await writer.stats(owner, items)
            self._report("stats", i + 1, len(userids))

    async def identity_issues(self, *, after: Sequence[IdentityIssueRecord] | None = None,
                              at_least: int = 0) -> list[IdentityIssueRecord]:
        """The customers syncs kept apart from the members their unionid or phone pointed at,
        newest first; ``after`` (this list read before a sync): only what that sync recorded,
        at least the newest ``at_least`` (see ``services.identity_issues.load``)."""
        return await self._read(partial(identity_issues.load, after=after, at_least=at_least))


def _first(failures: BaseExceptionGroup[BaseException]) -> BaseException:
    """The first failure that is not a cancellation, else the first one (nested groups too)."""
    leaves: list[BaseException] = []

    def walk(exc: BaseException) -> None:
        if isinstance(exc, BaseExceptionGroup):
            for inner in exc.exceptions:
                walk(inner)
        else:
            leaves.append(exc)
    walk(failures)
    return next((e for e in leaves if not isinstance(e, asyncio.CancelledError)), leaves[0])


def _day_of(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, groups.STAT_TZ).date()


def _message(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.message
    code = getattr(exc, "errcode", None)
    return f"企业微信拒绝了请求（错误码 {code}）" if code is not None else type(exc).__name__


def _counts_so_far(conn: Any, run: int) -> dict[str, int]:
    """The counts the newest earlier attempt of this run recorded (each records the whole run
    so far); empty when there is none or it died without recording."""
    row = conn.execute("SELECT counts FROM sync_runs WHERE started_at = ? AND mode = 'full' "
                       "AND status != 'running' AND counts IS NOT NULL AND counts NOT IN ('', '{}') "
                       "ORDER BY id DESC LIMIT 1", (run,)).fetchone()
    return {str(k): int(v) for k, v in json.loads(row[0]).items()} if row else {}


# WeCom's answer to an expired paging cursor: 50100 (分页查询的游标无效, WeCom's global error
# list). ``CursorExpiredError`` (wecom/errors.py), where the client gives one, is taken as it is.
CURSOR_EXPIRED_CODES = frozenset({50100})


def cursor_expired(exc: BaseException) -> bool:
    typed = getattr(wecom_errors, "CursorExpiredError", None)
    if isinstance(typed, type) and isinstance(exc, typed):
        return True
    return getattr(exc, "errcode", None) in CURSOR_EXPIRED_CODES


def _cursor_keeps_expiring(what: str) -> WeComUserError:
    return WeComUserError(
        f"企业微信的翻页游标一再过期，{what}没有读完。",
        "网络很慢时会这样；请稍后再同步，会从中断处继续。",
        english=f"WeCom's paging cursor expired again while reading {what}.",
        english_hint="This happens on a slow network; sync again later and it continues where it stopped.")


def _endless(what: str, pages: int) -> WeComUserError:
    return WeComUserError(
        f"企业微信的{what}列表读了 {pages:,} 页仍没有结束，已停止读取。",
        "这不像企业微信的正常应答；请把此情况报告给开发者。",
        english=f"WeCom's {what} list did not end after {pages:,} pages.",
        english_hint="This does not look like a normal WeCom answer; please report it to the developers.")


async def _listing(read: Callable[[], Awaitable[T]], what: str) -> T:
    """A listing the client pages through itself, read again from its start once if its cursor
    expires on the way; a second expiry is this phase's error."""
    try:
        return await read()
    except WeComError as exc:
        if not cursor_expired(exc):
            raise
        log.info("cursor expired (%s); reading the %s listing again", exc, what)
    try:
        return await read()
    except WeComError as exc:
        if cursor_expired(exc):
            raise _cursor_keeps_expiring(what) from None
        raise
