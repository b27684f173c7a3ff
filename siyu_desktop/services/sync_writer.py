"""Between a sync's fetchers and the workspace's single writer thread.

Fetchers (members, groups, statistics: different endpoints, so they run side by side) hand what
they read to ``SyncWriter.put`` and go on fetching. One writer task takes everything waiting
when the previous transaction is done and writes it as one transaction (consecutive member pages
as one set-based upsert), so transactions grow when the disk is slower than the network and a
fetcher never waits for a commit. The waiting rows are bounded: past the bound ``put`` waits.

Groups wait in a lane of their own until every customer page is written: a group's roster then
finds its members already there, so nobody is created by the groups phase and updated again by
the members phase. Holding them is bounded too (``HOLD_ROSTER`` roster entries); beyond it the
groups fetcher waits for the members phase, which is slower then anyway.

Order is kept: items of a lane are written in the order they were put, and a checkpoint put
after a page commits with (or after) it, so a sync killed at any point resumes consistently.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..domain import summaries
from ..domain.wecom_records import GroupChat, GroupMember
from ..errors import Cancelled
from ..store import wecom_sync as ss
from ..store import wecom_sync_groups as gs
from ..store.audit import WriteContext
from ..store.db import Workspace
from ..wecom.types import ContactFollow, GroupDayStat

Lane = Literal["main", "groups"]
MAX_ROWS = 10_000  # rows (contacts, roster entries, statistics days) per transaction
WAITING_ROWS = 20_000  # rows waiting in the main lane before fetchers wait
HOLD_ROSTER = 250_000  # roster entries held until the customers are written (~50 MB)


@dataclass
class Item:
    kind: Literal["members", "groups", "stats", "call"]
    payload: Any
    rows: int = 1


@dataclass
class Written:
    """What one transaction wrote, for the report and progress."""

    pages: int = 0
    members_done: int | None = None  # the members checkpoint's count after this transaction
    groups: list[gs.GroupResult] = field(default_factory=list)
    contacts: ss.PageResult = field(default_factory=ss.PageResult)
    stat_days: int = 0
    calls: list[tuple[str, Any]] = field(default_factory=list)  # (name, result)


class SyncWriter:
    def __init__(self, ws: Workspace, run: int, staff_ids: dict[str, int], *,
                 force_roster: bool, on_written: Callable[[Written], None],
                 cancelled: Callable[[], bool] | None, groups_open: bool) -> None:
        self._ws = ws
        self.run_marker = run
        self.staff_ids = staff_ids
        self.force_roster = force_roster
        self.on_written = on_written
        self.cancelled = cancelled
        self._lanes: dict[Lane, deque[Item]] = {"main": deque(), "groups": deque()}
        self._rows: dict[Lane, int] = {"main": 0, "groups": 0}
        self._groups_open = groups_open
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._closed = False
        self.transactions = 0

    # -- fetchers' side ------------------------------------------------------------------------
    async def put(self, lane: Lane, item: Item) -> None:
        while self._rows[lane] >= self._bound(lane):
            self._room.clear()
            await self._room.wait()
        self._lanes[lane].append(item)
        self._rows[lane] += item.rows
        self._wake.set()

    async def members_page(self, rows: list[ContactFollow], checkpoint: dict[str, Any]) -> None:
        await self.put("main", Item("members", (rows, checkpoint), max(1, len(rows))))

    async def group(self, chat: GroupChat, status: int) -> None:
        await self.put("groups", Item("groups", (_pack(chat), status),
                                      max(1, len(chat.member_list))))

    async def stats(self, owner: str, items: list[GroupDayStat]) -> None:
        await self.put("main", Item("stats", (owner, items), max(1, len(items))))

    async def call(self, lane: Lane, name: str, fn: Callable[..., Any], *args: Any,
                   opens_groups: bool = False) -> None:
        """``fn(ctx, *args)`` in order with the lane's pages; ``opens_groups`` lets the held
        groups follow it (the members phase's last write)."""
        await self.put(lane, Item("call", (name, fn, args, opens_groups)))

    def open_groups(self) -> None:
        self._groups_open = True
        self._room.set()
        self._wake.set()

    def close(self) -> None:
        """Nothing more will be put: write what is waiting, then ``run`` returns."""
        self._closed = True
        self._groups_open = True
        self._wake.set()

    def _bound(self, lane: Lane) -> int:
        if lane == "main" or self._groups_open:
            return WAITING_ROWS
        return HOLD_ROSTER

    # -- the writer task -----------------------------------------------------------------------
    async def run(self) -> None:
        while True:
            self._wake.clear()
            batch = self._take()
            if not batch:
                if self._closed:
                    return
                await self._wake.wait()
                continue
            if self.cancelled is not None and self.cancelled():
                raise Cancelled()
            future = self._ws.submit(self._write, batch, action="sync", actor=ss.SYNC_ACTOR)
            # Shielded: cancelling the sync must not drop a transaction already handed over.
            written = await asyncio.shield(asyncio.wrap_future(future))
            self.transactions += 1
            self.on_written(written)

    def _take(self) -> list[Item]:
        batch: list[Item] = []
        rows = 0
        for lane in ("main", "groups"):
            queue = self._lanes[lane]
            while queue and rows < MAX_ROWS and (lane == "main" or self._groups_open):
                item = queue.popleft()
                self._rows[lane] -= item.rows
                rows += item.rows
                batch.append(item)
                if item.kind == "call" and item.payload[3]:
                    self._groups_open = True
        if batch:
            self._room.set()
        return batch

    def _write(self, ctx: WriteContext, batch: list[Item]) -> Written:
        """On the writer thread, in one transaction: consecutive pages of one kind together."""
        ss.no_undo(ctx)
        out = Written()
        i = 0
        while i < len(batch):
            kind = batch[i].kind
            j = i + 1
            if kind in ("members", "groups"):
                while j < len(batch) and batch[j].kind == kind:
                    j += 1
            run = batch[i:j]
            if kind == "members":
                rows = [r for item in run for r in item.payload[0]]
                result = ss.upsert_contacts(ctx, rows, self.staff_ids, self.run_marker)
                checkpoint = run[-1].payload[1]
                gs.set_state(ctx, "members", self.run_marker, checkpoint, checkpoint["done"])
                _add(out.contacts, result)
                out.pages += len(run)
                out.members_done = int(checkpoint["done"])
            elif kind == "groups":
                out.groups.extend(gs.upsert_groups(ctx, [(_unpack(item.payload[0]),
                                                          item.payload[1]) for item in run],
                                                   self.run_marker,
                                                   force_roster=self.force_roster))
            elif kind == "stats":
                owner, items = batch[i].payload
                out.stat_days += gs.save_stats(ctx, owner, items)
            else:
                name, fn, args, _ = batch[i].payload
                out.calls.append((name, fn(ctx, *args)))
            i = j
        c = out.contacts
        ctx.summary = summaries.summary(
            "同步：客户新增 {added}，更新 {updated}，关系 +{follows}；客户群 {groups} 个，"
            "进群 {joins}，退群 {leaves}", added=c.members_added, updated=c.members_updated,
            follows=c.follows_added, groups=len(out.groups),
            joins=sum(r.joins for r in out.groups), leaves=sum(r.leaves for r in out.groups))
        return out


def _pack(chat: GroupChat) -> tuple[Any, ...]:
    """A group as nested tuples of strings and numbers while it waits: the cycle collector
    stops tracking those, so thousands of waiting rosters do not lengthen its full passes
    (which run on the GUI thread: ui/gc_collector.py)."""
    return (chat.chat_id, chat.name, chat.owner, chat.create_time, chat.notice,
            tuple(astuple_member(m) for m in chat.member_list), chat.admin_list,
            chat.member_version)


def astuple_member(m: GroupMember) -> tuple[Any, ...]:
    return (m.userid, m.type, m.join_time, m.join_scene, m.invitor, m.group_nickname, m.name,
            m.unionid)


def _unpack(packed: tuple[Any, ...]) -> GroupChat:
    chat_id, name, owner, create_time, notice, members, admins, version = packed
    return GroupChat(chat_id, name, owner, create_time, notice,
                     tuple(GroupMember(*m) for m in members), admins, version)


def _add(total: ss.PageResult, part: ss.PageResult) -> None:
    total.members_added += part.members_added
    total.members_updated += part.members_updated
    total.follows_added += part.follows_added
    total.follows_updated += part.follows_updated
    total.tags_changed += part.tags_changed
    total.unknown_tags |= part.unknown_tags
    # customers kept apart (unionid or phone pointing at several or different members)
    total.identity_issues.extend(part.identity_issues)
