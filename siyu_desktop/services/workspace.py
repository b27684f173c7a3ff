"""Use cases over one open workspace: find members, tag them, undo, manage tags, groups, segments.

Every method is async: reads run on a worker thread with that thread's read connection, writes go
to the workspace's single writer. Nothing here knows about Qt; the UI awaits these and the CLI
runs them with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pyroaring import BitMap

from ..domain import clock, summaries
from ..domain import points as points_domain
from ..domain.channels import ChannelList, ChannelUse, check_removals, overview
from ..domain.members import (
    AuditBatch,
    AuditEntry,
    Follow,
    Group,
    Member,
    RosterEntry,
    RosterEvent,
    Staff,
    Tag,
    TagGroup,
)
from ..domain.segments import Segment
from ..errors import UserError
from ..ops import CancelToken, ProgressFn, checker, report
from ..store import audit, channels, groups, members, outbox, outbox_tags, segments, tags
from ..store import points as points_store
from ..store.db import Workspace
from ..store.groups import DuplicateMember
from ..store.index import Changes, IntArray

log = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_TZ = "Asia/Shanghai"
STATEMENT_ROWS = 200  # the newest entries the detail panel lists


@dataclass(frozen=True)
class MemberDetail:
    member: Member
    tags: list[Tag]
    groups: list[tuple[int, str, int | None]]
    follows: list[Follow]
    history: list[AuditEntry]
    # staff id → outbox status of a remark edit not yet in WeCom ('pending', 'sending', 'failed')
    remark_status: dict[int, str] = field(default_factory=dict)
    points: MemberPoints | None = None


@dataclass(frozen=True)
class MemberPoints:
    """A member's points as the detail panel shows them: derived from the ledger."""

    balance: int
    spendable: int  # what can be spent now (lots past their expiry wait for the expiry run)
    lots: list[points_domain.Lot]  # with points left, oldest first
    statement: list[tuple[points_domain.Entry, int]]  # newest first, with the balance after
    entries: int  # all of the member's entries (the statement holds the newest)


@dataclass(frozen=True)
class TagImpact:
    """What a delete or merge would touch, said before doing it."""

    members: int
    tags: int


@dataclass(frozen=True)
class WorkspaceInfo:
    path: Path
    members: int
    groups: int
    tags: int
    staff: int
    segments: int
    demo: bool
    brand: str


class WorkspaceService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        # told of a write that failed after its caller was cancelled (the window shows it)
        self.failed_unwatched: list[Callable[[BaseException], None]] = []

    # -- plumbing ------------------------------------------------------------------------------
    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        def run() -> T:
            return fn(self._ws.reader(), *args)
        return await asyncio.to_thread(run)

    async def _write(self, fn: Callable[..., T], *args: Any, action: str, summary: str = "",
                     **kwargs: Any) -> T:
        """Hand a write to the writer thread and await it. Shielded: a cancelled caller (the
        screen moved on, the app closes) stops waiting, but a submitted write is never pulled
        back out of the writer's queue, since the operator was told it is being done."""
        inner = asyncio.wrap_future(
            self._ws.submit(fn, *args, action=action, summary=summary, **kwargs))
        try:
            return await asyncio.shield(inner)
        except asyncio.CancelledError:
            # Nobody awaits it any more: a failure must still be said (and logged), not lost.
            inner.add_done_callback(lambda f: self._orphan_done(f, action))
            raise

    def _orphan_done(self, future: asyncio.Future[Any], action: str) -> None:
        if future.cancelled() or future.exception() is None:
            return
        exc = future.exception()
        log.error("write %s failed after its caller stopped waiting: %r", action, exc)
        for listener in list(self.failed_unwatched):
            listener(exc)  # type: ignore[arg-type]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self._ws.get_setting("timezone", DEFAULT_TZ))

    def today(self) -> date:
        """Today in the workspace time zone, by the workspace's clock."""
        return clock.today(self._ws.clock, self.tz)

    def on_change(self, listener: Callable[[Changes], None]) -> None:
        self._ws.on_change(listener)

    # -- overview ------------------------------------------------------------------------------
    async def info(self) -> WorkspaceInfo:
        def run(conn: Any) -> WorkspaceInfo:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])
            return WorkspaceInfo(
                self._ws.path, one("SELECT count(*) FROM members"), one("SELECT count(*) FROM groups"),
                one("SELECT count(*) FROM tags"), one("SELECT count(*) FROM staff"),
                one("SELECT count(*) FROM segments"), self._ws.is_demo,
                self._ws.meta("brand", "") or "")
        return await self._read(run)

    # -- members -------------------------------------------------------------------------------
    def evaluate_now(self, segment: Segment, search: str = "") -> BitMap:
        """Blocking: the members of a segment, narrowed by a search text. Fast (bitmaps)."""
        conn = self._ws.reader()
        result = segments.evaluate(self._ws.index, conn, segment, self.today(), self.tz)
        if search.strip():
            result &= BitMap(members.search(conn, search, limit=1_000_000))
        return result

    async def evaluate(self, segment: Segment, search: str = "") -> BitMap:
        return await asyncio.to_thread(self.evaluate_now, segment, search)

    async def count(self, segment: Segment, search: str = "") -> int:
        return len(await self.evaluate(segment, search))

    def facets_now(self, within: BitMap | None) -> dict[int, int]:
        """Blocking: members per tag, within ``within`` (all members when None)."""
        return self._ws.index.facet_counts(within)

    async def facets(self, within: BitMap | None) -> dict[int, int]:
        return await asyncio.to_thread(self.facets_now, within)

    def member_count_now(self) -> int:
        return len(self._ws.index.all)

    def ordered_now(self, result: BitMap, key: str = "id", descending: bool = False) -> IntArray:
        return segments.ordered_ids(self._ws.index, self._ws.reader(), result, key, descending)

    async def ordered(self, result: BitMap, key: str = "id", descending: bool = False) -> IntArray:
        return await asyncio.to_thread(self.ordered_now, result, key, descending)

    def rows_now(self, ids: Sequence[int]) -> dict[int, members.RosterRow]:
        return members.rows(self._ws.reader(), ids)

    async def search(self, text: str, limit: int = 50) -> list[int]:
        return await self._read(members.search, text, limit)

    async def member_detail(self, member_id: int) -> MemberDetail | None:
        def run(conn: Any) -> MemberDetail | None:
            member = members.get(conn, member_id)
            if member is None:
                return None
            tag_ids = {r[0] for r in conn.execute(
                "SELECT tag_id FROM member_tags WHERE member_id = ?", (member_id,))}
            all_tags = tags.list_tags(conn)
            names = {t.id: t.name for t in all_tags}
            history = []
            for entry in audit.member_history(conn, member_id):
                if entry.entity == "member_tags":
                    for row in (entry.before, entry.after):
                        if isinstance(row, dict):
                            row["tag_name"] = names.get(row["tag_id"], "?")
                history.append(entry)
            waiting = {staff_id: status for staff_id, status in conn.execute(
                "SELECT staff_id, status FROM outbox WHERE kind = ? AND member_id = ? AND status "
                "IN ('pending', 'sending', 'failed') ORDER BY id", (outbox.REMARK, member_id))}
            account = points_store.account(conn, member_id)
            statement = points_store.statement(conn, member_id)
            now = int(self._ws.clock.now())
            held = MemberPoints(account.balance, account.spendable(now),
                                [lot for lot in account.lots.values() if lot.remaining],
                                statement[:STATEMENT_ROWS], len(statement))
            return MemberDetail(member, [t for t in all_tags if t.id in tag_ids],
                                members.member_groups(conn, member_id),
                                members.follows(conn, member_id), history, waiting, held)
        return await self._read(run)

    async def update_member(self, member_id: int, values: dict[str, Any]) -> bool:
        changed, _batch = await self.edit_member(member_id, values)
        return changed

    async def edit_member(self, member_id: int, values: dict[str, Any]) -> tuple[bool, int]:
        """Change profile fields; returns (anything changed, audit batch for undo)."""
        return await self._write_batch(members.update, member_id, values, action="edit_member",
                                       summary="编辑客户资料")

    # -- channels (渠道) -------------------------------------------------------------------------
    async def channel_list(self) -> ChannelList:
        return await self._read(channels.load)

    async def channel_overview(self) -> list[ChannelUse]:
        """Every channel with its members (counted from the index), codes in use first listed
        after the list's own."""
        listed = await self.channel_list()
        return overview(listed, self._ws.index.channel_counts())

    async def channels(self) -> list[tuple[str, str, int]]:
        """(code, name, members) of the channels members carry, in the list's order: the
        roster's 渠道 filter."""
        return [(u.channel.code, u.channel.name, u.members)
                for u in await self.channel_overview() if u.members]

    async def save_channels(self, edited: ChannelList) -> tuple[bool, int]:
        """Replace the list (names, aliases, channels added or removed) in one undoable
        operation; a channel members carry cannot be removed. (changed, audit batch)."""
        counts = self._ws.index.channel_counts()

        def run(ctx: Any) -> tuple[bool, int]:
            check_removals(channels.load(ctx.conn), edited, counts)
            return channels.save(ctx, edited), int(ctx.batch_id or 0)
        return await self._write(run, action="edit_channels", summary="修改渠道列表")

    async def merge_channels(self, source: str, target: str) -> tuple[int, int]:
        """Members of ``source`` move to ``target``, whose aliases gain ``source``'s name and
        aliases; one undoable operation. (members moved, audit batch)."""
        def run(ctx: Any) -> tuple[int, int]:
            listed = channels.load(ctx.conn)
            merged = listed.merged(source, target)
            channels.save(ctx, merged)
            moved = channels.recode_members(ctx, {source: target})
            ctx.summary = summaries.summary("合并渠道「{source}」到「{target}」（{n} 位客户）",
                                            source=listed.name_of(source),
                                            target=merged.name_of(target), n=moved)
            ctx.changes.channels_changed = True
            return moved, int(ctx.batch_id or 0)
        return await self._write(run, action="merge_channels")

    # -- tagging -------------------------------------------------------------------------------
    async def add_tag(self, tag_id: int, member_ids: Sequence[int]) -> tuple[int, int]:
        """Returns (members newly tagged, audit batch id for undo)."""
        def run(ctx: Any) -> tuple[int, int]:
            name = ctx.conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()
            changed = tags.add_tag(ctx, tag_id, member_ids)
            # Every relationship of every member asked, also of those who had it already from
            # one relationship (rule 4 in domain/tag_links.py); committed with the change.
            outbox.enqueue_tag_change(ctx, tag_id, member_ids, add=True)
            outbox.enqueue_tag_changes(ctx)
            ctx.summary = summaries.summary("给 {n} 位客户打上标签“{tag}”", n=changed,
                                            tag=name[0] if name else str(tag_id))
            return changed, ctx.batch_id
        return await self._write(run, action="add_tag")

    async def preview_tag_change(self, tag_id: int, member_ids: Sequence[int],
                                 add: bool) -> tuple[int, int]:
        """(members whose link would change, WeCom calls it would queue); changes nothing."""
        return await self._read(tags.preview_tag_change, tag_id, list(member_ids), add)

    async def remove_tag(self, tag_id: int, member_ids: Sequence[int]) -> tuple[int, int]:
        def run(ctx: Any) -> tuple[int, int]:
            name = ctx.conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()
            changed = tags.remove_tag(ctx, tag_id, member_ids)
            outbox.enqueue_tag_changes(ctx)
            ctx.summary = summaries.summary("从 {n} 位客户移除标签“{tag}”", n=changed,
                                            tag=name[0] if name else str(tag_id))
            return changed, ctx.batch_id
        return await self._write(run, action="remove_tag")

    async def undo(self, batch_id: int, *, progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> int:
        """Undo one operation in one transaction (``Progress`` step ``undo``); a cancel undoes
        nothing."""
        def counted(done: int, total: int) -> None:
            report(progress, "undo", done, total)

        def run(ctx: Any) -> int:
            plan = outbox_tags.plan_undo(ctx.conn, batch_id)
            restored = audit.undo_batch(ctx, batch_id, progress=counted if progress else None,
                                        cancel=checker(cancel))
            ctx.changes.channels_changed |= channels.touched_by(ctx.conn, batch_id)
            outbox.enqueue_tag_changes(ctx)
            outbox_tags.enqueue_undo(ctx, plan)
            ctx.summary = summaries.summary("撤销操作 #{id}（{n} 项）", id=batch_id, n=restored)
            return restored
        return await self._write(run, action="undo")

    async def recent_batches(self, limit: int = 50, kind: str = "all") -> list[AuditBatch]:
        """The history (操作记录), newest first; ``kind`` is mine / system / all."""
        return await self._read(audit.recent_batches, limit, kind)

    async def undo_blocker(self, batch_id: int) -> UserError | None:
        """Why this operation cannot be undone now (already undone, a sync, rows changed since),
        or None; changes nothing."""
        return await self._read(audit.undo_blocker, batch_id)

    # -- tags ----------------------------------------------------------------------------------
    async def tag_groups(self) -> list[TagGroup]:
        return await self._read(tags.list_groups)

    async def tags(self) -> list[Tag]:
        counts = self._ws.index.facet_counts(None)
        return await self._read(tags.list_tags, counts)

    # Library edits return (result, audit batch id) so a screen can offer undo of exactly that.
    async def _write_batch(self, fn: Callable[..., T], *args: Any, action: str,
                           summary: str) -> tuple[T, int]:
        def run(ctx: Any) -> tuple[T, int]:
            return fn(ctx, *args), int(ctx.batch_id or 0)
        return await self._write(run, action=action, summary=summary)

    async def create_tag_group(self, name: str, dimension: str) -> tuple[int, int]:
        return await self._write_batch(tags.create_group, name, dimension,
                                       action="create_tag_group", summary=summaries.summary("新建标签组“{name}”", name=name))

    # Renames and deletions of what WeCom has are queued for it in the same transaction
    # (store.outbox_tags), or the next sync would bring the old names back.
    async def rename_tag_group(self, group_id: int, name: str,
                               dimension: str | None = None) -> tuple[None, int]:
        def run(ctx: Any, group: int, new_name: str, dim: str | None) -> None:
            tags.rename_group(ctx, group, new_name, dim)
            outbox_tags.enqueue_rename_group(ctx, group)
        return await self._write_batch(run, group_id, name, dimension,
                                       action="rename_tag_group", summary=summaries.summary("修改标签组为“{name}”", name=name))

    async def delete_tag_group(self, group_id: int) -> tuple[int, int]:
        def run(ctx: Any, group: int) -> int:
            doomed = outbox_tags.doomed_group(ctx.conn, group)
            removed = tags.delete_group(ctx, group)
            outbox_tags.enqueue_deletion(ctx, doomed)
            return removed
        return await self._write_batch(run, group_id, action="delete_tag_group",
                                       summary="删除标签组")

    async def create_tag(self, group_id: int, name: str) -> tuple[int, int]:
        def run(ctx: Any, group: int, tag_name: str) -> int:
            tag_id = tags.create_tag(ctx, group, tag_name)
            outbox.enqueue_new_tag(ctx, tag_id)  # a tag in a WeCom tag group goes to WeCom too
            return tag_id
        return await self._write_batch(run, group_id, name, action="create_tag",
                                       summary=summaries.summary("新建标签“{name}”", name=name))

    async def rename_tag(self, tag_id: int, name: str) -> tuple[None, int]:
        def run(ctx: Any, tag: int, new_name: str) -> None:
            tags.rename_tag(ctx, tag, new_name)
            outbox_tags.enqueue_rename_tag(ctx, tag)
        return await self._write_batch(run, tag_id, name, action="rename_tag",
                                       summary=summaries.summary("标签改名为“{name}”", name=name))

    def tag_impact(self, tag_ids: Sequence[int]) -> TagImpact:
        """How many members a delete of these tags would touch (their union)."""
        bms = [self._ws.index.tag(t) for t in tag_ids]
        return TagImpact(len(BitMap.union(*bms)) if bms else 0, len(tag_ids))

    def group_impact(self, group_id: int) -> TagImpact:
        ids = [r[0] for r in self._ws.reader().execute("SELECT id FROM tags WHERE group_id = ?",
                                                      (group_id,))]
        return self.tag_impact(ids)

    def merge_impact(self, source_ids: Sequence[int], target_id: int) -> TagImpact:
        """Members who would newly get the target tag by the merge."""
        sources = BitMap.union(*(self._ws.index.tag(t) for t in source_ids)) if source_ids else BitMap()
        return TagImpact(len(sources - self._ws.index.tag(target_id)), len(source_ids))

    async def delete_tags(self, tag_ids: Sequence[int]) -> tuple[int, int]:
        """Delete several tags in one undoable operation; returns (member links removed, batch)."""
        def run(ctx: Any) -> int:
            ctx.summary = summaries.summary("删除 {n} 个标签：{names}", n=len(tag_ids),
                                            names=_tag_names(ctx.conn, tag_ids))
            doomed = outbox_tags.doomed_tags(ctx.conn, tag_ids)
            removed = sum(tags.delete_tag(ctx, t) for t in tag_ids)
            outbox_tags.enqueue_deletion(ctx, doomed)
            return removed
        return await self._write_batch(run, action="delete_tag", summary="")

    async def merge_tags(self, source_ids: Sequence[int], target_id: int) -> tuple[int, int]:
        def run(ctx: Any, sources: list[int], target: int) -> int:
            ctx.summary = summaries.summary(
                "把 {sources} 合并到“{target}”",
                sources=_tag_names(ctx.conn, [t for t in sources if t != target]),
                target=_tag_names(ctx.conn, [target], quoted=False))
            doomed = outbox_tags.doomed_tags(ctx.conn, [t for t in sources if t != target])
            moved = tags.merge_tags(ctx, sources, target)
            outbox.enqueue_tag_changes(ctx)  # members who newly got the target tag
            outbox_tags.enqueue_deletion(ctx, doomed)  # then the sources go, in that order
            return moved
        return await self._write_batch(run, list(source_ids), target_id,
                                       action="merge_tags", summary="")

    # -- groups --------------------------------------------------------------------------------
    async def groups(self, kind: str | None = None, text: str = "") -> list[Group]:
        return await self._read(groups.list_groups, kind, text)

    async def group_roster(self, group_id: int) -> list[RosterEntry]:
        return await self._read(groups.roster, group_id)

    async def duplicates(self, min_groups: int = 2) -> list[DuplicateMember]:
        return await self._read(groups.duplicates, min_groups)

    async def recent_events(self, days: int = 30, group_id: int | None = None) -> list[RosterEvent]:
        return await self._read(groups.recent_events, clock.days_ago(self._ws.clock, days),
                                group_id)

    async def roster_event_counts(self, days: int = 30) -> dict[str, int]:
        """Joins and leaves across all groups in the last ``days`` (true totals, no cap)."""
        return await self._read(groups.event_counts, clock.days_ago(self._ws.clock, days))

    async def group_kinds(self) -> list[tuple[str, int]]:
        return await self._read(groups.kinds)

    async def staff(self) -> list[Staff]:
        return await self._read(groups.list_staff)

    # -- segments ------------------------------------------------------------------------------
    async def saved_segments(self) -> list[tuple[int, str, Segment]]:
        return await self._read(segments.list_saved)

    async def save_segment(self, name: str, segment: Segment) -> int:
        return await self._write(segments.save, name, segment, action="save_segment",
                                 summary=summaries.summary("保存人群包“{name}”", name=name))

    async def delete_segment(self, segment_id: int) -> None:
        await self._write(segments.delete_saved, segment_id, action="delete_segment",
                          summary="删除人群包")

    async def find_segment(self, name: str) -> Segment | None:
        return await self._read(segments.find_saved, name)


def _tag_names(conn: Any, tag_ids: Sequence[int], *, quoted: bool = True, most: int = 5) -> str:
    """“异宠”、“狗” for a summary: the first few names, then "+N" for the rest (any language)."""
    names: list[str] = []
    for tag_id in list(tag_ids)[:most]:
        row = conn.execute("SELECT name FROM tags WHERE id = ?", (tag_id,)).fetchone()
        name = row[0] if row else f"#{tag_id}"
        names.append(f"“{name}”" if quoted else name)
    text = "、".join(names)
    if len(tag_ids) > most:
        text += f" +{len(tag_ids) - most}"
    return text
